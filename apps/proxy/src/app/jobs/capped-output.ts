import { outputTruncatedMarker, utf8CharacterStart } from '@strato/contracts';

/** One stream of an attempt: append-only, kept up to capBytes, then one marker; offsets stay valid. */
export class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private joined: Buffer | undefined;
  truncated = false;

  constructor(private readonly capBytes: number) {}

  get bytes(): number {
    return this.kept;
  }

  append(chunk: Buffer): void {
    if (this.truncated) return;
    const room = this.capBytes - this.kept;
    const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
    const marker = chunk.length > room ? Buffer.from(outputTruncatedMarker(this.capBytes)) : undefined;
    for (const piece of marker ? [part, marker] : [part]) {
      this.chunks.push(piece);
      this.kept += piece.length;
    }
    this.truncated = marker !== undefined;
    this.joined = undefined;
  }

  /** Up to maxBytes from offset; a character cut by the end is left for the next read unless `ended`. */
  read(offset: number, maxBytes: number, ended: boolean): { data: string; nextOffset: number } {
    this.joined ??= Buffer.concat(this.chunks);
    const from = Math.min(Math.max(0, offset), this.joined.length);
    let to = Math.min(this.joined.length, from + maxBytes);
    if (!(ended && to === this.joined.length)) to = Math.max(from, utf8CharacterStart(this.joined, to));
    return { data: this.joined.subarray(from, to).toString('utf8'), nextOffset: to };
  }
}
