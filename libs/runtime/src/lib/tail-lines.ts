import { open } from 'node:fs/promises';

// Enough for any sane tail of a job server's log without reading a file that grew for weeks.
const MAX_TAIL_BYTES = 1024 * 1024;

export function lastLines(text: string, count: number): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines
    .slice(Math.max(0, lines.length - count))
    .map((line) => `${line}\n`)
    .join('');
}

/** The last `count` lines of a file, or '' if it does not exist. */
export async function tailFile(path: string, count: number): Promise<string> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  try {
    const { size } = await file.stat();
    const length = Math.min(size, MAX_TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await file.read(buffer, 0, length, size - length);
    return lastLines(buffer.toString('utf8'), count);
  } finally {
    await file.close();
  }
}
