import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { JOB_KIND_HEADER, JOB_SCALE_HEADER } from '@strato/contracts';
import { spawnTsJobThread } from '../testing/ts-job-thread';
import { JobPool } from './job-pool';
import { JobRunner } from './job-runner';
import { createJobServer, jobForPath } from './job-server';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('job server', () => {
  let server: Server;
  let runner: JobRunner;
  let base: string;

  beforeAll(async () => {
    runner = new JobRunner(new JobPool(1, spawnTsJobThread, 2));
    server = createJobServer({ node: 'n1', pod: 'light' }, runner);
    base = await listen(server);
    await eventually(async () => (await fetch(`${base}/ready`)).status === 200, 30_000);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await runner.close();
  });

  it('answers a light job with JSON naming the node, the pod and the time spent', async () => {
    const res = await fetch(`${base}/light`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ job: 'light', node: 'n1', pod: 'light', result: 3245 });
    expect(body.elapsedMs).toBeGreaterThan(0);
    expect(body.cpuMs).toBeGreaterThanOrEqual(0);
  });

  it('runs scaled medium and heavy jobs asked for straight at the node', async () => {
    for (const job of ['medium', 'heavy']) {
      const res = await fetch(`${base}/${job}?scale=0.01`);
      expect(res.status).toBe(200);
      expect((await res.json()).job).toBe(job);
    }
  });

  it('runs the job the balancer names in its headers, whatever the path and query say', async () => {
    const res = await fetch(`${base}/light/light?scale=10`, {
      headers: { [JOB_KIND_HEADER]: 'medium', [JOB_SCALE_HEADER]: '0.01' },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.job).toBe('medium');
    expect(body.result).toBe(430); // primes below 3000: the pod's scale, not the query's
  });

  it('answers 400 for a bad scale in the balancer header', async () => {
    const res = await fetch(`${base}/light`, {
      headers: { [JOB_KIND_HEADER]: 'light', [JOB_SCALE_HEADER]: 'x' },
    });
    expect(res.status).toBe(400);
  });

  it.each([
    ['light', 'light', 'light'],
    ['light/heavy', 'light', 'heavy'],
    ['heavy', 'light', 'heavy'],
    ['tiny', 'tiny', 'light'],
    ['tiny/medium', 'tiny', 'medium'],
    ['medium', 'medium', 'medium'],
  ])('maps the path /%s on a %s node to the %s job', (path, pod, job) => {
    expect(jobForPath(path, pod)).toBe(job);
  });

  it('reports liveness and readiness', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok', node: 'n1', pod: 'light' });
    expect(await (await fetch(`${base}/ready`)).json()).toMatchObject({ status: 'ready', threads: 1 });
  });

  it('stays live while a heavy job runs, and says it is not ready once its queue is full', async () => {
    const heavy = [0, 1, 2].map(() => fetch(`${base}/heavy?scale=0.3`).then((r) => r.status));
    await eventually(async () => runner.load.busy === 1 && runner.load.queued === 2);
    const startedAt = performance.now();
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    // The event loop is free: /health does not wait for the ~0.5 s heavy jobs.
    expect(runner.load.busy).toBe(1);
    expect(performance.now() - startedAt).toBeLessThan(1000);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    const refused = await fetch(`${base}/heavy?scale=0.01`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await refused.json()).message).toContain('queue is full');
    expect(await Promise.all(heavy)).toEqual([200, 200, 200]);
  });

  it('answers 404 for an unknown job, naming the known ones', async () => {
    const res = await fetch(`${base}/huge`);
    expect(res.status).toBe(404);
    expect((await res.json()).message).toContain('light, medium, heavy');
  });

  it.each(['0', '-1', 'abc', '11', ''])('answers 400 for scale=%s', async (scale) => {
    const res = await fetch(`${base}/light?scale=${scale}`);
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain('scale must be');
  });

  it('refuses other methods', async () => {
    const res = await fetch(`${base}/light`, { method: 'POST' });
    expect(res.status).toBe(405);
  });
});

describe('job pool', () => {
  it('fails the job of a thread that dies and starts another thread', async () => {
    const pool = new JobPool(1, spawnTsJobThread, 4);
    try {
      await eventually(async () => pool.ready, 30_000);
      const first = await pool.run({ kind: 'light', scale: 0.01 });
      expect(first.result).toBe(62);
      const threads = (pool as unknown as { threads: { worker: { terminate(): Promise<number> } }[] })
        .threads;
      const running = pool.run({ kind: 'heavy', scale: 1 });
      await eventually(async () => pool.busy === 1);
      await threads[0].worker.terminate();
      await expect(running).rejects.toThrow(/exited/);
      expect((await pool.run({ kind: 'light', scale: 0.01 })).result).toBe(62);
    } finally {
      await pool.close();
    }
  });
});
