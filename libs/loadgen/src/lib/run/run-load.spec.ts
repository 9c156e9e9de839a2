import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';
import { NonLoopbackTargetError } from '../errors/non-loopback-target.error';
import { LoadProgress } from '../measure/load-result';
import { constant, poisson, steps } from '../schedule/schedules';
import { jobMixTargets } from '../target/job-mix';
import { timersFiringEarly } from '../testing/early-timers';
import { closedPort, LocalHttpServer, startLocalHttpServer } from '../testing/local-http-server';
import { runLoad } from './run-load';

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

describe('runLoad against a local server', () => {
  let server: LocalHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('holds a constant 200 req/s for 2 s: 400 requests, all 200 OK, throughput counted over wall time', async () => {
    server = await startLocalHttpServer();
    const progress: LoadProgress[] = [];
    const result = await runLoad({
      target: `${server.url}/light`,
      schedule: constant(200),
      durationMs: 2000,
      onProgress: (p) => progress.push(p),
    });

    expect(result.sent).toBeGreaterThanOrEqual(392);
    expect(result.sent).toBeLessThanOrEqual(408);
    expect(result.ok).toBe(result.sent);
    expect(result.statusCounts).toEqual({ 200: result.sent });
    expect(result).toMatchObject({ stoppedBy: 'duration', dropped: 0, failed: 0, sendWindowMs: 2000 });
    expect(result.wallTimeMs).toBeGreaterThanOrEqual(2000);
    expect(result.achievedRatePerSecond).toBeCloseTo(200, -1);
    expect(result.throughputPerSecond).toBeCloseTo((result.completed * 1000) / result.wallTimeMs, 6);
    expect(result.throughputPerSecond).toBeGreaterThan(190);
    expect(server.stats.received).toBe(result.sent);
    // Sends count at their intended second; the last answer may land just after 2 s, in a third bucket.
    expect(result.timeline.slice(0, 2).map((b) => b.sent)).toEqual([200, 200]);
    expect(sum(result.timeline.slice(2).map((b) => b.sent))).toBe(0);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0].lastSecond).toMatchObject({ second: 0, sent: 200 });
  });

  it('lasts its whole window even when timers fire early', async () => {
    server = await startLocalHttpServer();
    const restoreTimers = timersFiringEarly(20, 21);
    try {
      const result = await runLoad({ target: server.url, schedule: constant(10), durationMs: 1000 });
      expect(result).toMatchObject({ sent: 10, ok: 10, stoppedBy: 'duration', sendWindowMs: 1000 });
      expect(result.wallTimeMs).toBeGreaterThanOrEqual(1000);
    } finally {
      restoreTimers();
    }
  });

  it('keeps sending on schedule while a slow server has not answered: open loop, in-flight grows', async () => {
    server = await startLocalHttpServer(() => 200);
    const result = await runLoad({ target: server.url, schedule: constant(100), durationMs: 1000 });

    expect(result.sent).toBe(100);
    expect(result.achievedRatePerSecond).toBeCloseTo(100, 0);
    expect(result.latency.p50Ms).toBeGreaterThanOrEqual(195);
    expect(result.latency.p50Ms).toBeLessThan(300);
    expect(result.maxInFlightSeen).toBeGreaterThanOrEqual(18);
    expect(server.stats.maxConcurrent).toBeGreaterThanOrEqual(18);
  });

  it('charges a 500 ms server stall to every request scheduled during it (no coordinated omission)', async () => {
    server = await startLocalHttpServer();
    const stall = setTimeout(() => server?.pauseFor(500), 500);
    const result = await runLoad({ target: server.url, schedule: constant(100), durationMs: 1500 });
    clearTimeout(stall);

    // ~50 of 150 arrivals fall in the stall, waiting 0–500 ms; a closed loop would record one slow sample.
    expect(result.latency.p90Ms).toBeGreaterThan(200);
    expect(result.latency.maxMs).toBeGreaterThan(450);
    expect(result.latency.p50Ms).toBeLessThan(100);
  });

  it('measures latency from the intended time, above service time, when requests queue behind a stall', async () => {
    server = await startLocalHttpServer();
    const stall = setTimeout(() => server?.pauseFor(500), 500);
    const result = await runLoad({
      target: server.url,
      schedule: constant(100),
      durationMs: 1500,
      maxSockets: 2,
    });
    clearTimeout(stall);

    expect(result.ok).toBe(150);
    expect(result.latency.p90Ms).toBeGreaterThan(200);
    expect(result.serviceTime.p90Ms).toBeLessThan(100);
    expect(result.serviceTime.maxMs).toBeGreaterThan(450);
  });

  it('counts ECONNREFUSED when nothing listens, and records no latency for errors', async () => {
    const port = await closedPort();
    const result = await runLoad({
      target: `http://127.0.0.1:${port}/`,
      schedule: constant(50),
      durationMs: 400,
    });

    expect(result.sent).toBe(20);
    expect(result.errorCounts).toEqual({ ECONNREFUSED: 20 });
    expect(result).toMatchObject({ ok: 0, completed: 0, errored: 20, failed: 20 });
    expect(result.latency.count).toBe(0);
    expect(sum(result.timeline.map((b) => b.failed))).toBe(20);
  });

  it('counts a request past its deadline as TIMEOUT', async () => {
    server = await startLocalHttpServer(() => 1000);
    const result = await runLoad({
      target: server.url,
      schedule: constant(100),
      maxRequests: 10,
      timeoutMs: 100,
    });

    expect(result.errorCounts).toEqual({ TIMEOUT: 10 });
    expect(result.wallTimeMs).toBeLessThan(900);
  });

  it('counts the requests that missed a latency SLO: slow answers, failures and drops, in all, per pod and per second', async () => {
    // A quarter of the requests are slow (300 ms); 8 in flight at most, so some are dropped.
    server = await startLocalHttpServer((req) => (req.url === '/slow' ? 300 : 0));
    const result = await runLoad({
      target: [
        { name: 'fast', url: `${server.url}/fast`, weight: 3 },
        { name: 'slow', url: `${server.url}/slow`, weight: 1 },
      ],
      schedule: constant(100),
      durationMs: 1000,
      maxInFlight: 8,
      sloMs: 100,
    });
    const plain = await runLoad({ target: server.url, schedule: constant(50), maxRequests: 5 });

    const [fast, slow] = result.targets;
    expect(fast.overSlo).toBe(fast.failed + fast.dropped);
    expect(slow.overSlo).toBe(slow.sent - slow.cancelled + slow.dropped);
    expect(slow.overSlo).toBeGreaterThan(10);
    expect(result.overSlo).toBe((fast.overSlo ?? 0) + (slow.overSlo ?? 0));
    expect(sum(result.timeline.map((b) => b.overSlo ?? 0))).toBe(result.overSlo);
    expect(plain.overSlo).toBeUndefined();
    expect(plain.timeline[0].overSlo).toBeUndefined();
  });

  it('drops, without sending, arrivals due while maxInFlight requests are outstanding', async () => {
    server = await startLocalHttpServer(() => 300);
    const result = await runLoad({
      target: server.url,
      schedule: constant(100),
      durationMs: 1000,
      maxInFlight: 10,
    });

    expect(result.intended).toBe(100);
    expect(result.sent + result.dropped).toBe(100);
    expect(result.dropped).toBeGreaterThan(40);
    expect(result.maxInFlightSeen).toBe(10);
    expect(server.stats.maxConcurrent).toBeLessThanOrEqual(10);
    expect(server.stats.received).toBe(result.sent);
    expect(sum(result.timeline.map((b) => b.dropped))).toBe(result.dropped);
  });

  it('splits a weighted mix 70/25/5 within tolerance and breaks results down per target', async () => {
    server = await startLocalHttpServer();
    const result = await runLoad({
      target: jobMixTargets(server.url),
      schedule: poisson(2000, 11),
      maxRequests: 1000,
    });

    expect(result).toMatchObject({ stoppedBy: 'max-requests', intended: 1000, sent: 1000, ok: 1000 });
    const sent = Object.fromEntries(result.targets.map((t) => [t.name, t.sent]));
    expect(Math.abs(sent['light'] - 700)).toBeLessThan(50);
    expect(Math.abs(sent['medium'] - 250)).toBeLessThan(45);
    expect(Math.abs(sent['heavy'] - 50)).toBeLessThan(22);
    expect(server.byPath.get('/light')).toBe(sent['light']);
    expect(result.targets.map((t) => t.share)).toEqual([0.7, 0.25, 0.05]);
  });

  it('follows a stepped schedule second by second and ends with it', async () => {
    server = await startLocalHttpServer();
    const schedule = steps([
      { rate: 50, durationMs: 1000 },
      { rate: 200, durationMs: 1000 },
    ]);
    const result = await runLoad({ target: server.url, schedule });

    expect(result).toMatchObject({ stoppedBy: 'schedule-end', sent: 250, sendWindowMs: 2000 });
    expect(result.timeline.map((b) => b.sent)).toEqual([50, 200]);
    expect(result.timeline[1].p99Ms).not.toBeNull();
  });

  it('opens connections for the first 25 ms of arrivals before its clock starts, and says so', async () => {
    server = await startLocalHttpServer();
    const result = await runLoad({ target: server.url, schedule: constant(1000), maxRequests: 50 });
    const none = await runLoad({
      target: server.url,
      schedule: constant(1000),
      maxRequests: 5,
      preconnect: 0,
    });

    expect(result.preconnected).toBe(25);
    expect(result.preconnectMs).toBeGreaterThan(0);
    expect(result).toMatchObject({ sent: 50, ok: 50 });
    expect(none).toMatchObject({ preconnected: 0, preconnectMs: 0, ok: 5 });
  });

  it('stops early on abort and cancels what is in flight', async () => {
    server = await startLocalHttpServer(() => 200);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await runLoad({
      target: server.url,
      schedule: constant(100),
      durationMs: 10_000,
      signal: controller.signal,
    });

    expect(result.stoppedBy).toBe('aborted');
    expect(result.wallTimeMs).toBeLessThan(5_000);
    expect(result.sent).toBeGreaterThan(20);
    expect(result.sent).toBeLessThan(100);
    expect(result.cancelled).toBeGreaterThan(10);
    expect(result.ok + result.cancelled).toBe(result.sent);
  });
});

describe('runLoad refusals', () => {
  it.each(['http://example.com/', 'http://203.0.113.10:8080/light'])(
    'refuses the non-loopback target %s',
    async (url) => {
      await expect(runLoad({ target: url, schedule: constant(10), maxRequests: 1 })).rejects.toThrow(
        NonLoopbackTargetError,
      );
    },
  );

  it('refuses a run with no bound', async () => {
    await expect(runLoad({ target: 'http://127.0.0.1:1/', schedule: constant(10) })).rejects.toThrow(
      InvalidLoadOptionsError,
    );
  });

  it.each([
    { maxInFlight: 0 },
    { timeoutMs: -1 },
    { maxSockets: 1.5 },
    { durationMs: 0 },
    { preconnect: -1 },
    { sloMs: 0 },
  ])('refuses %p', async (bad) => {
    await expect(
      runLoad({ target: 'http://127.0.0.1:1/', schedule: constant(10), maxRequests: 1, ...bad }),
    ).rejects.toThrow(InvalidLoadOptionsError);
  });
});
