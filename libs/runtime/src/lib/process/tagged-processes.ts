import { readdirSync, readFileSync } from 'node:fs';

/** Live processes of this host whose environment holds name=value (read from /proc/<pid>/environ). */
export function taggedPids(name: string, value: string): number[] {
  const entry = `${name}=${value}`;
  const found: number[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // A zombie's environ reads empty: it holds nothing but its exit status.
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(entry)) found.push(Number(pid));
    } catch {
      // gone while we looked, or not ours to read
    }
  }
  return found;
}

export function signalPids(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone already
    }
  }
}
