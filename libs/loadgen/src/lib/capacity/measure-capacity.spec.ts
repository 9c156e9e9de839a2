import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';
import { NonLoopbackTargetError } from '../errors/non-loopback-target.error';
import { timersFiringEarly } from '../testing/early-timers';
import { type LocalHttpServer, startLocalHttpServer } from '../testing/local-http-server';
import { measureCapacity } from './measure-capacity';

describe('measureCapacity: a closed loop finds what a target serves', () => {
  let server: LocalHttpServer;
  beforeAll(async () => {
    // Each answer takes 20 ms, so 4 users can get at most 200 answers a second.
    server = await startLocalHttpServer(() => 20);
  });
  afterAll(() => server.close());

  it('keeps exactly `concurrency` requests outstanding and measures the throughput they get', async () => {
    const result = await measureCapacity({
      url: `${server.url}/cap`,
      concurrency: 4,
      durationMs: 1500,
      maxWarmUpMs: 5000,
    });
    expect(server.stats.maxConcurrent).toBe(4);
    expect(result.okPerSecond).toBeLessThanOrEqual(205);
    expect(result.okPerSecond).toBeGreaterThan(100);
    expect(result.latency.p50Ms).toBeGreaterThanOrEqual(20);
    expect(result.failed).toBe(0);
    // Every request sent (warm-up too) reached the server: the count an LB would show.
    expect(server.byPath.get('/cap')).toBe(result.sent);
    // Settling takes three whole seconds at least; a loaded machine may not settle before the cap.
    expect(result.warmUpMs).toBeGreaterThanOrEqual(result.warmUpSettled ? 3000 : 5000);
    expect(result.warmUpMs).toBeLessThan(6100);
    expect(result.completed).toBeLessThan(result.sent);
  });

  it('judges a second only once it is whole, even when timers fire early', async () => {
    const restoreTimers = timersFiringEarly(5, 500);
    try {
      const result = await measureCapacity({
        url: server.url,
        concurrency: 2,
        durationMs: 200,
        maxWarmUpMs: 5000,
      });
      expect(result.warmUpMs).toBeGreaterThanOrEqual(result.warmUpSettled ? 3000 : 5000);
    } finally {
      restoreTimers();
    }
  });

  it('warms up no longer than asked when the rate does not settle', async () => {
    // Answers speed up second by second: a server still warming up.
    const started = Date.now();
    const warming = await startLocalHttpServer(() => Math.max(1, 40 - (Date.now() - started) / 100));
    try {
      const result = await measureCapacity({
        url: warming.url,
        concurrency: 2,
        durationMs: 500,
        maxWarmUpMs: 2000,
      });
      expect(result.warmUpSettled).toBe(false);
      expect(result.warmUpMs).toBeGreaterThanOrEqual(2000);
      expect(result.warmUpMs).toBeLessThan(3100);
    } finally {
      await warming.close();
    }
  });

  it('refuses a non-loopback target and a concurrency below 1, sending nothing', async () => {
    const before = server.stats.received;
    await expect(
      measureCapacity({ url: 'http://198.51.100.7/', concurrency: 1, durationMs: 10 }),
    ).rejects.toThrow(NonLoopbackTargetError);
    await expect(measureCapacity({ url: server.url, concurrency: 0, durationMs: 10 })).rejects.toThrow(
      InvalidLoadOptionsError,
    );
    await expect(measureCapacity({ url: server.url, concurrency: 1, durationMs: 0 })).rejects.toThrow(
      InvalidLoadOptionsError,
    );
    expect(server.stats.received).toBe(before);
  });
});
