/** Splits a byte stream of newline-delimited JSON (the engine's /events) into values; a line may span chunks. */
export class JsonLines {
  private pending = '';

  /** The complete values in this chunk; a line that is not JSON is handed to onInvalid and skipped. */
  push(chunk: Buffer | string, onInvalid: (line: string) => void = () => undefined): unknown[] {
    const lines = (this.pending + chunk.toString()).split('\n');
    this.pending = lines.pop() ?? '';
    const values: unknown[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        values.push(JSON.parse(line));
      } catch {
        onInvalid(line);
      }
    }
    return values;
  }
}
