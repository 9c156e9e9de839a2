import { constant } from '../schedule/schedules';
import { LocalHttpServer, startLocalHttpServer } from '../testing/local-http-server';
import { runLoad } from './run-load';

// The warm-up is once per process and rate, so the order of these tests matters.
describe('the generator warming up before a fast start', () => {
  let server: LocalHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('does not warm up for a slow start, nor for a run too short to need it', async () => {
    server = await startLocalHttpServer();
    const slow = await runLoad({ target: server.url, schedule: constant(400), durationMs: 1000 });
    const short = await runLoad({ target: server.url, schedule: constant(5000), maxRequests: 100 });

    expect(slow).toMatchObject({ warmUpMs: 0, ok: slow.sent });
    expect(short).toMatchObject({ warmUpMs: 0, ok: 100 });
  });

  it('warms up for 2 s on its own server before 2,000/s: the target sees only the run, and the clock starts after', async () => {
    server = await startLocalHttpServer();
    const before = Date.now();
    const result = await runLoad({ target: server.url, schedule: constant(2000), maxRequests: 1000 });

    expect(result.warmUpMs).toBeGreaterThanOrEqual(2000);
    expect(server.stats.received).toBe(1000);
    expect(result).toMatchObject({ sent: 1000, ok: 1000 });
    expect(Date.parse(result.startedAt) - before).toBeGreaterThanOrEqual(2000);
  });

  it('does not warm up again at the same or a lower rate, nor when told not to', async () => {
    server = await startLocalHttpServer();
    const again = await runLoad({ target: server.url, schedule: constant(2000), maxRequests: 1000 });
    const lower = await runLoad({ target: server.url, schedule: constant(1500), durationMs: 500 });
    const told = await runLoad({
      target: server.url,
      schedule: constant(4000),
      maxRequests: 1000,
      warmUp: false,
    });

    expect([again.warmUpMs, lower.warmUpMs, told.warmUpMs]).toEqual([0, 0, 0]);
    expect(server.stats.received).toBe(again.sent + lower.sent + told.sent);
  });
});
