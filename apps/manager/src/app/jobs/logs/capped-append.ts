import { endsWithTruncatedMarker, outputTruncatedMarker, utf8CharacterStart } from '@strato/contracts';

/** What one stream of an attempt holds so far. */
export interface StreamFill {
  bytes: number;
  truncated: boolean;
}

/** The part of `data` to store, and the stream after it: up to capBytes, then one marker and nothing more. */
export function cappedAppend(
  fill: StreamFill,
  data: string,
  capBytes: number,
): { stored: string; fill: StreamFill } {
  if (fill.truncated || data === '') return { stored: '', fill };
  const bytes = Buffer.from(data, 'utf8');
  if (fill.bytes + bytes.length <= capBytes)
    return {
      stored: data,
      fill: { bytes: fill.bytes + bytes.length, truncated: endsWithTruncatedMarker(data) },
    };
  const kept = bytes
    .subarray(0, utf8CharacterStart(bytes, Math.max(0, capBytes - fill.bytes)))
    .toString('utf8');
  const stored = kept + outputTruncatedMarker(capBytes);
  return { stored, fill: { bytes: fill.bytes + Buffer.byteLength(stored, 'utf8'), truncated: true } };
}
