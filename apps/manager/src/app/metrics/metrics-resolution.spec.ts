import { METRICS_RANGE_SECONDS, METRICS_RANGES } from '@strato/contracts';
import { resolutionOf } from './metrics-resolution';

describe('resolutionOf', () => {
  it.each([
    ['15m', { source: 'raw', stepSeconds: 1 }],
    ['1h', { source: 'raw', stepSeconds: 4 }],
    ['6h', { source: 'minute', stepSeconds: 60 }],
    ['24h', { source: 'minute', stepSeconds: 120 }],
    ['7d', { source: 'minute', stepSeconds: 900 }],
  ] as const)('reads %s from %p with the default 120 min of raw samples', (range, resolution) => {
    expect(resolutionOf(range, 120, 1000)).toEqual(resolution);
  });

  it('reads 6 h from raw samples in 30 s steps when they are kept that long', () => {
    expect(resolutionOf('6h', 360, 1000)).toEqual({ source: 'raw', stepSeconds: 30 });
  });

  it('falls back to the minute rollups when the raw samples do not cover the range', () => {
    expect(resolutionOf('15m', 10, 1000)).toEqual({ source: 'minute', stepSeconds: 60 });
  });

  it('never buckets raw samples finer than they are taken', () => {
    expect(resolutionOf('15m', 120, 5000)).toEqual({ source: 'raw', stepSeconds: 5 });
    expect(resolutionOf('1h', 120, 2500)).toEqual({ source: 'raw', stepSeconds: 4 });
  });

  it.each(METRICS_RANGES)('keeps %s at 900 buckets or fewer', (range) => {
    const { stepSeconds } = resolutionOf(range, 120, 1000);
    expect(METRICS_RANGE_SECONDS[range] / stepSeconds).toBeLessThanOrEqual(900);
  });
});
