import { averageInWindow } from './window';
import type { MetricSample, ScalingMetric } from './types';

const NOW = 10_000;
const at = (ago: number, value: number, nodes?: number): MetricSample => ({ at: NOW - ago, value, nodes });

describe('averageInWindow', () => {
  it.each<[string, MetricSample[], ScalingMetric, number, { value: number; samples: number } | null]>([
    ['averages the samples of the window', [at(0, 40), at(1_000, 60)], 'cpu', 2, { value: 50, samples: 2 }],
    [
      'leaves out a sample exactly windowMs old',
      [at(0, 40), at(3_000, 100)],
      'cpu',
      2,
      { value: 40, samples: 1 },
    ],
    ['leaves out samples from the future', [at(0, 40), at(-1, 100)], 'cpu', 2, { value: 40, samples: 1 }],
    ['leaves out non-finite values', [at(0, 40), at(500, Number.NaN)], 'cpu', 2, { value: 40, samples: 1 }],
    ['has nothing to say without samples in the window', [at(5_000, 40)], 'cpu', 2, null],
    [
      'reads per-node samples as pod totals over the nodes ready now',
      [at(0, 50, 4), at(1_000, 100, 2), at(2_000, 100, 2)],
      'requestsPerNode',
      4,
      { value: 50, samples: 3 },
    ],
    [
      'falls back to a plain mean when a sample lacks its node count',
      [at(0, 50, 4), at(1_000, 100)],
      'cpu',
      4,
      {
        value: 75,
        samples: 2,
      },
    ],
    [
      'never converts latency, which is not per node',
      [at(0, 200, 4), at(1_000, 400, 2)],
      'latencyP90',
      4,
      {
        value: 300,
        samples: 2,
      },
    ],
    ['falls back to a plain mean with no ready node', [at(0, 80, 1)], 'cpu', 0, { value: 80, samples: 1 }],
  ])('%s', (_name, samples, metric, ready, expected) => {
    expect(averageInWindow(samples, metric, NOW, 3_000, ready)).toEqual(expected);
  });
});
