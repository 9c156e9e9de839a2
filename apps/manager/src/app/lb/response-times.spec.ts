import { ResponseTimes } from './response-times';

describe('ResponseTimes', () => {
  let now = 1_000_000;
  const times = () => new ResponseTimes(() => now);

  it('gives real percentiles: 80 fast and 20 slow requests put p50 low and p90 high', () => {
    const rt = times();
    for (let i = 0; i < 80; i++) rt.record('light', 10);
    for (let i = 0; i < 20; i++) rt.record('light', 400);
    const summary = rt.summary('light', 10_000);
    expect(summary).toMatchObject({ samples: 100, windowMs: 10_000 });
    expect(summary?.p50Ms).toBe(10);
    expect(summary?.p90Ms).toBeGreaterThanOrEqual(398);
    expect(summary?.p90Ms).toBeLessThanOrEqual(402);
    // The running average HAProxy reports would say 86 ms, hiding the slow fifth entirely.
  });

  it('keeps pods apart and answers null for a pod with no request', () => {
    const rt = times();
    rt.record('light', 5);
    expect(rt.summary('heavy', 10_000)).toBeNull();
    expect(rt.summary('light', 10_000)?.samples).toBe(1);
  });

  it('forgets what finished before the window, and everything past a minute', () => {
    const rt = times();
    rt.record('light', 1000);
    now += 5_000;
    rt.record('light', 20);
    expect(rt.summary('light', 3_000)).toMatchObject({ samples: 1, p99Ms: 20 });
    expect(rt.summary('light', 10_000)?.samples).toBe(2);
    now += 70_000;
    rt.record('light', 30);
    expect(rt.summary('light', 600_000)).toMatchObject({ samples: 1, windowMs: 60_000 });
    rt.forget('light');
    expect(rt.summary('light', 10_000)).toBeNull();
  });

  it('clamps absurd values instead of throwing', () => {
    const rt = times();
    rt.record('light', 0);
    rt.record('light', 10 * 3_600_000);
    expect(rt.summary('light', 10_000)?.samples).toBe(2);
  });

  it('weighs a request timed 1 in N as N requests, and counts it as one sample', () => {
    const rt = times();
    for (let i = 0; i < 10; i++) rt.record('light', 10, 9);
    for (let i = 0; i < 10; i++) rt.record('light', 400);
    const summary = rt.summary('light', 10_000);
    // 90 of the 100 requests took 10 ms; unweighted, half the samples would say 400.
    expect(summary).toMatchObject({ samples: 20, p50Ms: 10, p90Ms: 10 });
    expect(summary?.p99Ms).toBeGreaterThanOrEqual(398);
  });
});
