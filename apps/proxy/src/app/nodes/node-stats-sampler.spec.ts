import type { NodeRuntime, NodeStats } from '@strato/runtime';
import { MIN_SAMPLE_PERIOD_MS, NodeStatsSampler } from './node-stats-sampler';

describe('NodeStatsSampler', () => {
  let clock: number;
  let cpuNanos: number;
  let reads: number;
  const runtime = {
    stats: async (nodeId: string): Promise<NodeStats> => {
      reads++;
      return {
        nodeId,
        at: clock,
        cpuUsageNanos: cpuNanos,
        cpuQuotaCpus: 0.3,
        memoryBytes: 1,
        memoryLimitBytes: 2,
        throttledPeriods: 0,
        totalPeriods: 0,
        source: 'cgroup',
      };
    },
  } as unknown as NodeRuntime;

  beforeEach(() => {
    clock = 1_000_000;
    cpuNanos = 0;
    reads = 0;
  });

  it('gives the CPU used between two samples at least the minimum period apart', async () => {
    const sampler = new NodeStatsSampler(runtime, () => clock);
    expect((await sampler.sample('n1'))?.cpuPercent).toBeNull();

    clock += 1000;
    cpuNanos += 250e6;
    expect((await sampler.sample('n1'))?.cpuPercent).toBeCloseTo(25);
    expect(reads).toBe(2);
  });

  it('answers a reader that comes sooner than the minimum period with the last sample, not a new one', async () => {
    const sampler = new NodeStatsSampler(runtime, () => clock);
    await sampler.sample('n1');
    clock += 1000;
    cpuNanos += 300e6;
    const first = await sampler.sample('n1');

    // Another reader 20 ms later: a new sample would be the CPU of those 20 ms (here: none).
    clock += 20;
    const second = await sampler.sample('n1');
    expect(second).toEqual(first);
    expect(reads).toBe(2);

    clock += MIN_SAMPLE_PERIOD_MS;
    cpuNanos += 150e6;
    expect((await sampler.sample('n1'))?.cpuPercent).toBeCloseTo(
      (150e6 / ((MIN_SAMPLE_PERIOD_MS + 20) * 1e6)) * 100,
    );
    expect(reads).toBe(3);
  });
});
