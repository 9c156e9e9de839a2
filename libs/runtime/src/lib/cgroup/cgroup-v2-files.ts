import { readFile } from 'node:fs/promises';
import { parseKeyValues, type CgroupSample } from './cgroup-files';

/** cpu.max is "<quota> <period>" in µs, the quota "max" when uncapped: "30000 100000" is 0.3 CPU. */
export function parseCpuMax(text: string): number | null {
  const [quota, period] = text.trim().split(/\s+/);
  const quotaMicros = Number(quota);
  const periodMicros = Number(period);
  return quotaMicros > 0 && periodMicros > 0 ? quotaMicros / periodMicros : null;
}

/** memory.max is a byte count, or "max" when uncapped. */
export function parseMemoryMax(text: string): number | null {
  const value = text.trim();
  return value === 'max' ? null : Number(value);
}

/** One sample from a v2 group's files; rejects with ENOENT once the group is gone. */
export async function readCgroupV2Sample(dir: string): Promise<CgroupSample> {
  const read = (name: string): Promise<string> => readFile(`${dir}/${name}`, 'utf8');
  const [cpuStat, cpuMax, memoryCurrent, memoryStat, memoryMax] = await Promise.all([
    read('cpu.stat'),
    read('cpu.max'),
    read('memory.current'),
    read('memory.stat'),
    read('memory.max'),
  ]);
  const cpu = parseKeyValues(cpuStat);
  const inactiveFile = parseKeyValues(memoryStat).get('inactive_file') ?? 0;
  return {
    cpuUsageNanos: (cpu.get('usage_usec') ?? 0) * 1_000,
    cpuQuotaCpus: parseCpuMax(cpuMax),
    memoryBytes: Math.max(0, Number(memoryCurrent) - inactiveFile),
    memoryLimitBytes: parseMemoryMax(memoryMax),
    throttledPeriods: cpu.get('nr_throttled') ?? 0,
    totalPeriods: cpu.get('nr_periods') ?? 0,
  };
}

/** The OOM killer's count for the group: "oom_kill N" in memory.events (memory.oom_control is v1 only). */
export async function readV2OomKills(dir: string): Promise<number> {
  return parseKeyValues(await readFile(`${dir}/memory.events`, 'utf8')).get('oom_kill') ?? 0;
}
