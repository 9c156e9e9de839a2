import { LatencySummary } from '../measure/latency-histogram';
import { LoadResult } from '../measure/load-result';
import { formatSummary } from './format-summary';

const latency = (p50Ms: number): LatencySummary => ({
  count: 10,
  minMs: 1,
  meanMs: p50Ms,
  p50Ms,
  p90Ms: p50Ms * 2,
  p99Ms: p50Ms * 3,
  p999Ms: p50Ms * 4,
  maxMs: p50Ms * 5,
});
const counts = {
  intended: 12,
  sent: 11,
  dropped: 1,
  completed: 10,
  ok: 9,
  failed: 2,
  errored: 1,
  cancelled: 0,
  statusCounts: { 200: 9, 503: 1 },
  errorCounts: { ECONNRESET: 1 },
};
const result: LoadResult = {
  ...counts,
  schedule: 'poisson 6/s (seed 1)',
  startedAt: '2026-01-01T00:00:00.000Z',
  stoppedBy: 'duration',
  sendWindowMs: 2000,
  wallTimeMs: 2100,
  intendedRatePerSecond: 6,
  achievedRatePerSecond: 5.5,
  throughputPerSecond: 4.76,
  okThroughputPerSecond: 4.29,
  maxInFlightSeen: 3,
  latency: latency(12.5),
  serviceTime: latency(10),
  sendLag: latency(0.5),
  timeline: [],
  targets: [
    { ...counts, name: 'light', url: 'http://127.0.0.1/light', share: 0.7, latency: latency(2) },
    { ...counts, name: 'heavy', url: 'http://127.0.0.1/heavy', share: 0.3, latency: latency(150) },
  ],
};

describe('formatSummary', () => {
  const text = formatSummary(result);

  it('prints rates, counts, percentiles, statuses and errors in a compact table', () => {
    expect(text).toContain('poisson 6/s (seed 1) · stopped by duration · window 2.00 s · wall 2.10 s');
    expect(text).toContain('intended 6.0/s  achieved 5.5/s  throughput 4.8/s (2xx 4.3/s)');
    expect(text).toContain('dropped 1');
    expect(text).toMatch(/latency\s+12\.5 ms\s+25\.0 ms\s+37\.5 ms\s+50\.0 ms\s+62\.5 ms\s+12\.5 ms/);
    expect(text).toContain('200 ×9  503 ×1');
    expect(text).toContain('ECONNRESET ×1');
  });

  it('adds one row per target when there are several', () => {
    expect(text).toMatch(/light\s+70%\s+11\s+9\s+2\s+1\s+2\.00 ms\s+6\.00 ms/);
    expect(text).toMatch(/heavy\s+30%.*150 ms\s+450 ms/);
    expect(formatSummary({ ...result, targets: result.targets.slice(0, 1) })).not.toContain('share');
  });

  it('says what was done before the clock started, and nothing when nothing was', () => {
    const warmed = formatSummary({ ...result, warmUpMs: 2150, preconnected: 125, preconnectMs: 8.25 });

    expect(warmed).toContain(
      'before      generator warmed up 2.15 s on its own server, 125 connections opened in 8.25 ms',
    );
    expect(formatSummary({ ...result, preconnected: 3, preconnectMs: 1 })).toMatch(/before +3 connections/);
    expect(text).not.toContain('before ');
  });
});
