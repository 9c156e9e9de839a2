import { cpuPercent, type NodeStats } from './node-stats';

function sample(at: number, cpuUsageNanos: number): NodeStats {
  return {
    nodeId: 'n1',
    at,
    cpuUsageNanos,
    cpuQuotaCpus: 0.3,
    memoryBytes: 0,
    memoryLimitBytes: null,
    throttledPeriods: 0,
    totalPeriods: 0,
    source: 'cgroup',
  };
}

describe('cpuPercent', () => {
  it.each([
    ['0.3 CPU over 3 s', 1_000, 4_000, 0, 900e6, 30],
    ['one full core over 1 s', 0, 1_000, 5e9, 6e9, 100],
    ['two cores busy over 0.5 s', 0, 500, 0, 1e9, 200],
    ['an idle node', 0, 1_000, 7e9, 7e9, 0],
    ['no time elapsed', 1_000, 1_000, 0, 1e6, 0],
    ['samples in the wrong order', 2_000, 1_000, 0, 1e6, 0],
    ['a counter reset by a restart', 0, 1_000, 9e9, 1e6, 0],
  ])('%s', (_case, at1, at2, usage1, usage2, expected) => {
    expect(cpuPercent(sample(at1, usage1), sample(at2, usage2))).toBeCloseTo(expected, 6);
  });
});
