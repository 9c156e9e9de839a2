import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** `HAPROXY_BIN`, else `haproxy` on PATH, else the usual sbin locations; null when not installed. */
export function findHaproxyBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [
    ...(env['HAPROXY_BIN'] ? [env['HAPROXY_BIN']] : []),
    ...(env['PATH'] ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'haproxy')),
    '/usr/sbin/haproxy',
    '/usr/local/sbin/haproxy',
  ];
  return candidates.find(isExecutable) ?? null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
