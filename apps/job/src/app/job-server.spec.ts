import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createJobServer, jobForPath } from './job-server';

describe('job server', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createJobServer({ node: 'n1', pod: 'light' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers a light job with JSON naming the node, the pod and the time spent', async () => {
    const res = await fetch(`${base}/light`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ job: 'light', node: 'n1', pod: 'light', result: 3245 });
    expect(body.elapsedMs).toBeGreaterThan(0);
    expect(body.cpuMs).toBeGreaterThanOrEqual(0);
  });

  it('runs scaled medium and heavy jobs', async () => {
    for (const job of ['medium', 'heavy']) {
      const res = await fetch(`${base}/${job}?scale=0.01`);
      expect(res.status).toBe(200);
      expect((await res.json()).job).toBe(job);
    }
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

  it('reports health', async () => {
    const res = await fetch(`${base}/health`);
    expect(await res.json()).toEqual({ status: 'ok', node: 'n1', pod: 'light' });
  });

  it('answers 404 for an unknown job, naming the known ones', async () => {
    const res = await fetch(`${base}/huge`);
    expect(res.status).toBe(404);
    expect((await res.json()).message).toContain('light, medium, heavy');
  });

  it.each(['0', '-1', 'abc', '11'])('answers 400 for scale=%s', async (scale) => {
    const res = await fetch(`${base}/light?scale=${scale}`);
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain('scale must be');
  });

  it('refuses other methods', async () => {
    const res = await fetch(`${base}/light`, { method: 'POST' });
    expect(res.status).toBe(405);
  });
});
