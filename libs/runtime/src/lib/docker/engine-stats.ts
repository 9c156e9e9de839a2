import type { CgroupSample } from '../cgroup/cgroup-files';
import { quotaCpus } from '../cgroup/cgroup-files';

/** The fields we use of `GET /containers/{id}/stats?stream=false` (API v1.41, cgroup v1 or v2). */
export interface EngineStats {
  cpu_stats?: {
    cpu_usage?: { total_usage?: number };
    throttling_data?: { periods?: number; throttled_periods?: number };
  };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
}

const NANO_CPUS_PER_CPU = 1e9;

/** The slow fallback's sample; `limit` is the host's memory when the container has none, so it is taken from inspect. */
export function engineStatsSample(stats: EngineStats, nanoCpus: number, memoryLimit: number): CgroupSample {
  const memory = stats.memory_stats ?? {};
  // `docker stats` shows usage minus inactive page cache: total_inactive_file on cgroup v1, inactive_file on v2.
  const inactive = memory.stats?.['total_inactive_file'] ?? memory.stats?.['inactive_file'] ?? 0;
  return {
    cpuUsageNanos: stats.cpu_stats?.cpu_usage?.total_usage ?? 0,
    cpuQuotaCpus: quotaCpus(nanoCpus, NANO_CPUS_PER_CPU),
    memoryBytes: Math.max(0, (memory.usage ?? 0) - inactive),
    memoryLimitBytes: memoryLimit > 0 ? memoryLimit : null,
    throttledPeriods: stats.cpu_stats?.throttling_data?.throttled_periods ?? 0,
    totalPeriods: stats.cpu_stats?.throttling_data?.periods ?? 0,
  };
}
