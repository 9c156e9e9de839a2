import { readdirSync, readFileSync } from 'node:fs';
import { waitUntilGone } from './terminate';

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

/** SIGTERM to the tagged processes, SIGKILL to those left after graceMs; resolves once all are gone. */
export async function killTagged(name: string, value: string, graceMs: number): Promise<void> {
  const alive = async (): Promise<boolean> => taggedPids(name, value).length > 0;
  signalPids(taggedPids(name, value), 'SIGTERM');
  if (await waitUntilGone(alive, graceMs)) return;
  signalPids(taggedPids(name, value), 'SIGKILL');
  await waitUntilGone(alive, 5_000);
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
