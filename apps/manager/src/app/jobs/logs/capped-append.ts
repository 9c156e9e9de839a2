import { outputTruncatedMarker } from '@strato/contracts';

/** What one stream of an attempt holds so far. */
export interface StreamFill {
  bytes: number;
  truncated: boolean;
}

/** The agent's own marker (outputTruncatedMarker): it truncated the stream before the manager had to. */
const MARKER_AT_END = /\n\[strato: output truncated after \d+ bytes\]\n$/;

/** The part of `data` to store, and the stream after it: up to capBytes, then one marker and nothing more. */
export function cappedAppend(
  fill: StreamFill,
  data: string,
  capBytes: number,
): { stored: string; fill: StreamFill } {
  if (fill.truncated || data === '') return { stored: '', fill };
  const bytes = Buffer.from(data, 'utf8');
  if (fill.bytes + bytes.length <= capBytes)
    return { stored: data, fill: { bytes: fill.bytes + bytes.length, truncated: MARKER_AT_END.test(data) } };
  const kept = bytes.subarray(0, characterStart(bytes, Math.max(0, capBytes - fill.bytes))).toString('utf8');
  const stored = kept + outputTruncatedMarker(capBytes);
  return { stored, fill: { bytes: fill.bytes + Buffer.byteLength(stored, 'utf8'), truncated: true } };
}

/** The greatest index <= at that starts a UTF-8 character (a cut there splits none). */
function characterStart(bytes: Buffer, at: number): number {
  let cut = Math.min(at, bytes.length);
  while (cut > 0 && cut < bytes.length && (bytes[cut] & 0xc0) === 0x80) cut--;
  return cut;
}
