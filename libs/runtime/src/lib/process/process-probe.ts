import { readFile } from 'node:fs/promises';

export type ProcessStatus = 'running' | 'paused' | 'gone';

/**
 * Whether pid is still the process we started: its argv must contain every marker, so a pid the kernel
 * recycled for something else reads as gone. Zombies (exited, not yet reaped) read as gone too.
 */
export async function probeProcess(pid: number, markers: readonly string[]): Promise<ProcessStatus> {
  let cmdline: string;
  let stat: string;
  try {
    [cmdline, stat] = await Promise.all([
      readFile(`/proc/${pid}/cmdline`, 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ]);
  } catch {
    return 'gone';
  }
  const argv = cmdline.split('\0');
  if (!markers.every((marker) => argv.includes(marker))) return 'gone';
  // /proc/<pid>/stat is "pid (comm) S ..."; comm may itself hold spaces and parentheses.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  if (state === 'Z' || state === 'X' || state === 'x') return 'gone';
  return state === 'T' || state === 't' ? 'paused' : 'running';
}
