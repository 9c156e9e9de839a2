import { readFile } from 'node:fs/promises';
import type { CgroupSample } from '../cgroup/cgroup-files';

// /proc reports CPU time in USER_HZ ticks, fixed at 100 per second by the Linux user-space ABI.
const NANOS_PER_TICK = 1e9 / 100;
const UTIME_FIELD = 14;
const STIME_FIELD = 15;

/** CPU and resident memory of one process from /proc, for nodes without a cgroup: no caps, no throttling. */
export async function readProcSample(pid: number): Promise<CgroupSample> {
  const [stat, status] = await Promise.all([
    readFile(`/proc/${pid}/stat`, 'utf8'),
    readFile(`/proc/${pid}/status`, 'utf8'),
  ]);
  return {
    cpuUsageNanos: parseCpuTicks(stat) * NANOS_PER_TICK,
    cpuQuotaCpus: null,
    memoryBytes: parseRssBytes(status),
    memoryLimitBytes: null,
    throttledPeriods: 0,
    totalPeriods: 0,
  };
}

/** utime + stime of "pid (comm) state …"; comm may hold spaces and parentheses, so count from its end. */
export function parseCpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state) of proc(5).
  return Number(fields[UTIME_FIELD - 3]) + Number(fields[STIME_FIELD - 3]);
}

export function parseRssBytes(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match === null ? 0 : Number(match[1]) * 1024;
}
