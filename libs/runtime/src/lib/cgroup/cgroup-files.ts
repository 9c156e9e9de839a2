import { readFile } from 'node:fs/promises';
import type { NodeStats } from '../node-stats';
import type { CgroupDirs } from './cgroup-mounts';

export type CgroupSample = Omit<NodeStats, 'nodeId' | 'at' | 'source'>;

// "Unlimited" is the largest page-aligned signed 64-bit value (9223372036854771712); anything this big is no limit.
const UNLIMITED_BYTES = 2 ** 60;

/** Parses the "key value" lines of memory.stat, cpu.stat and memory.oom_control. */
export function parseKeyValues(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key && value !== undefined && Number.isFinite(Number(value))) values.set(key, Number(value));
  }
  return values;
}

export function quotaCpus(quotaMicros: number, periodMicros: number): number | null {
  return quotaMicros > 0 && periodMicros > 0 ? quotaMicros / periodMicros : null;
}

export function limitBytes(raw: number): number | null {
  return raw >= UNLIMITED_BYTES ? null : raw;
}

/** One sample from the cgroup's files; rejects with ENOENT once the cgroup is gone. */
export async function readCgroupSample(dirs: CgroupDirs): Promise<CgroupSample> {
  const read = (path: string): Promise<string> => readFile(path, 'utf8');
  const [usage, memoryUsage, memoryStat, memoryLimit, cpuStat, quota, period] = await Promise.all([
    read(`${dirs.cpuacct}/cpuacct.usage`),
    read(`${dirs.memory}/memory.usage_in_bytes`),
    read(`${dirs.memory}/memory.stat`),
    read(`${dirs.memory}/memory.limit_in_bytes`),
    read(`${dirs.cpu}/cpu.stat`),
    read(`${dirs.cpu}/cpu.cfs_quota_us`),
    read(`${dirs.cpu}/cpu.cfs_period_us`),
  ]);
  const inactiveFile = parseKeyValues(memoryStat).get('total_inactive_file') ?? 0;
  const periods = parseKeyValues(cpuStat);
  return {
    cpuUsageNanos: Number(usage),
    cpuQuotaCpus: quotaCpus(Number(quota), Number(period)),
    memoryBytes: Math.max(0, Number(memoryUsage) - inactiveFile),
    memoryLimitBytes: limitBytes(Number(memoryLimit)),
    throttledPeriods: periods.get('nr_throttled') ?? 0,
    totalPeriods: periods.get('nr_periods') ?? 0,
  };
}

/**
 * How many times the OOM killer fired in this memory cgroup. Kernels ≥ 4.13 count it in memory.oom_control;
 * older ones only show that the limit was hit (memory.failcnt), the best evidence left after the kill.
 */
export async function readOomKills(memoryDir: string): Promise<number> {
  const control = parseKeyValues(await readFile(`${memoryDir}/memory.oom_control`, 'utf8'));
  const kills = control.get('oom_kill');
  if (kills !== undefined) return kills;
  return Number(await readFile(`${memoryDir}/memory.failcnt`, 'utf8'));
}
