import { engineStatsSample } from './engine-stats';

describe('engineStatsSample', () => {
  it('maps the stats API body like `docker stats` does, caps from inspect', () => {
    const body = {
      cpu_stats: {
        cpu_usage: { total_usage: 5_000_000 },
        throttling_data: { periods: 68, throttled_periods: 64 },
      },
      memory_stats: { usage: 30_000_000, limit: 8_000_000_000, stats: { total_inactive_file: 1_000_000 } },
    };
    expect(engineStatsSample(body, 500_000_000, 134_217_728)).toEqual({
      cpuUsageNanos: 5_000_000,
      cpuQuotaCpus: 0.5,
      memoryBytes: 29_000_000,
      memoryLimitBytes: 134_217_728,
      throttledPeriods: 64,
      totalPeriods: 68,
    });
  });

  it('reads an uncapped container, and cgroup v2 field names', () => {
    const body = { memory_stats: { usage: 10, stats: { inactive_file: 4 } } };
    expect(engineStatsSample(body, 0, 0)).toEqual({
      cpuUsageNanos: 0,
      cpuQuotaCpus: null,
      memoryBytes: 6,
      memoryLimitBytes: null,
      throttledPeriods: 0,
      totalPeriods: 0,
    });
  });
});
