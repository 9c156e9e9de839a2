import { readFile } from 'node:fs/promises';

/** The last lines of haproxy's own output, for error messages ("[ALERT] ... cannot bind socket"). */
export async function logTail(path: string, maxLines = 8): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const lines = text.trimEnd().split('\n').slice(-maxLines);
  return lines.join('\n') || '(no output)';
}
