const HEADER_BYTES = 8;

/**
 * Joins the stdout and stderr frames of a non-TTY container's log stream. Each frame is
 * [stream 0|1|2, 0, 0, 0, size uint32 BE] + payload; anything else is already plain text (TTY containers).
 */
export function demuxDockerLogs(buffer: Buffer): string {
  const chunks: Buffer[] = [];
  let offset = 0;
  while (offset + HEADER_BYTES <= buffer.length) {
    const stream = buffer[offset];
    if (stream > 2 || buffer[offset + 1] !== 0 || buffer[offset + 2] !== 0 || buffer[offset + 3] !== 0) {
      return buffer.toString('utf8');
    }
    const size = buffer.readUInt32BE(offset + 4);
    chunks.push(buffer.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + size));
    offset += HEADER_BYTES + size;
  }
  return offset === buffer.length ? Buffer.concat(chunks).toString('utf8') : buffer.toString('utf8');
}
