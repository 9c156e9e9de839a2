export interface HaproxyProcess {
  pid: number;
  reloads: number;
  uptime: string;
}

/** `show proc` on the master CLI: the master (with its failed-reload count), current and old workers. */
export interface HaproxyProcList {
  master: HaproxyProcess & { failedReloads: number };
  workers: HaproxyProcess[];
  oldWorkers: HaproxyProcess[];
}

/**
 * Parses, e.g.:
 *   #<PID>          <type>          <reloads>       <uptime>        <version>
 *   7361            master          2 [failed: 0]   0d00h01m22s     2.6.12
 *   # workers
 *   8433            worker          0               0d00h00m01s     2.6.12
 *   # old workers
 *   7470            worker          1               0d00h01m18s     2.6.12
 *   # programs
 */
export function parseShowProc(text: string): HaproxyProcList | null {
  let master: HaproxyProcList['master'] | null = null;
  const workers: HaproxyProcess[] = [];
  const oldWorkers: HaproxyProcess[] = [];
  let section: 'master' | 'workers' | 'old' | 'other' = 'master';
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '# workers') section = 'workers';
    else if (line === '# old workers') section = 'old';
    else if (line.startsWith('# ')) section = 'other';
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(\d+)\s+(\S+)\s+(\d+)(?:\s+\[failed:\s*(\d+)\])?\s+(\S+)/.exec(line);
    if (!match) continue;
    const proc = { pid: Number(match[1]), reloads: Number(match[3]), uptime: match[5] };
    if (match[2] === 'master') master = { ...proc, failedReloads: Number(match[4] ?? 0) };
    else if (section === 'workers') workers.push(proc);
    else if (section === 'old') oldWorkers.push(proc);
  }
  return master ? { master, workers, oldWorkers } : null;
}
