import { LatencyHistogram } from './latency-histogram';

describe('LatencyHistogram', () => {
  it('summarises in ms with microsecond resolution', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) histogram.record(ms);
    const summary = histogram.summary();
    expect(summary.count).toBe(1000);
    expect(summary.minMs).toBeCloseTo(1, 2);
    expect(summary.meanMs).toBeCloseTo(500.5, 0);
    expect(summary.p50Ms).toBeCloseTo(500, -1);
    expect(summary.p99Ms).toBeCloseTo(990, -1);
    expect(summary.maxMs).toBeCloseTo(1000, 0);
  });

  it('reports zeros when empty and clamps values beyond an hour instead of throwing', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.summary()).toMatchObject({ count: 0, p99Ms: 0, maxMs: 0 });
    histogram.record(10 * 3_600_000);
    expect(histogram.summary().maxMs).toBeCloseTo(3_600_000, -4);
  });
});
