import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadBalancer } from './load-balancer';
import { waitUntil } from './wait-until';
import { describeEachAdapter, LIGHT_JOB, pod, serverFor } from './testing/contract-adapters';
import { freePort, httpGet, keepAliveLoad, startTestNode, type TestNode } from './testing/lb-test-fixtures';

const unavailable = (message: string): object => ({ statusCode: 503, error: 'Service Unavailable', message });

describeEachAdapter('LoadBalancer contract', (_kind, create) => {
  jest.setTimeout(30_000);
  let lb: LoadBalancer;
  let workDir: string;
  let nodes: Record<'light1' | 'light2' | 'medium1' | 'heavy1' | 'spare', TestNode>;
  const get = (path: string) => httpGet(`${lb.url}${path}`);
  const afterCleanup: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'strato-lb-'));
    const [light1, light2, medium1, heavy1, spare] = await Promise.all([
      startTestNode('light-1'),
      startTestNode('light-2'),
      startTestNode('medium-1'),
      startTestNode('heavy-1', 300),
      startTestNode('spare-1'),
    ]);
    nodes = { light1, light2, medium1, heavy1, spare };
    lb = create(await freePort(), workDir);
    const servers = new Map([
      ['light', [serverFor(light1), serverFor(light2)]],
      ['medium', [serverFor(medium1)]],
    ]);
    await lb.start([pod('light'), pod('medium'), pod('heavy'), pod('batch', true)], servers);
  });

  afterAll(async () => {
    await Promise.all(afterCleanup.map((close) => close()));
    await lb?.stop();
    await Promise.all(Object.values(nodes ?? {}).map((node) => node.close()));
    rmSync(workDir, { recursive: true, force: true });
  });

  it("routes each pod path to that pod's servers", async () => {
    expect((await get('/light')).body).toMatch(/^light-/);
    expect((await get('/light/?n=1')).body).toMatch(/^light-/);
    expect((await get('/medium?work=2')).body).toBe('medium-1');
  });

  it('answers 503 JSON for a pod with no server', async () => {
    const res = await get('/heavy');
    expect(res).toMatchObject({ status: 503, contentType: 'application/json' });
    expect(JSON.parse(res.body)).toEqual(unavailable('pod heavy has no online node'));
  });

  it('answers 503 JSON for a paused pod', async () => {
    const res = await get('/batch');
    expect(res).toMatchObject({ status: 503, contentType: 'application/json' });
    expect(JSON.parse(res.body)).toEqual(unavailable('pod batch is paused'));
  });

  it('answers 404 JSON naming the known pod paths for an unknown path', async () => {
    for (const path of ['/nope', '/', '/lightweight']) {
      const res = await get(path);
      expect(res).toMatchObject({ status: 404, contentType: 'application/json' });
      expect(JSON.parse(res.body)).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect(JSON.parse(res.body).paths).toEqual(['/light', '/medium', '/heavy', '/batch']);
    }
  });

  it('spreads requests evenly over 2 servers with roundrobin', async () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10; i++) {
      const { body } = await get('/light');
      counts[body] = (counts[body] ?? 0) + 1;
    }
    expect(counts).toEqual({ 'light-1': 5, 'light-2': 5 });
  });

  it('puts an added server into rotation', async () => {
    await lb.addServer('heavy', serverFor(nodes.heavy1));
    await expect(get('/heavy')).resolves.toMatchObject({ status: 200, body: 'heavy-1' });
    const status = await lb.status();
    expect(status.find((s) => s.nodeId === 'heavy-1')).toMatchObject({
      pod: 'heavy',
      health: 'up',
      port: nodes.heavy1.port,
    });
  });

  it('removes a server while a slow request is in flight, losing no request', async () => {
    const inFlight = get('/heavy');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const removal = lb.removeServer('heavy', 'heavy-1');
    await expect(inFlight).resolves.toMatchObject({ status: 200, body: 'heavy-1' });
    await removal;
    expect((await lb.status()).map((s) => s.nodeId)).not.toContain('heavy-1');
    expect((await get('/heavy')).status).toBe(503);
  });

  it('waits for a request that a reload left running in the old process before removing its server', async () => {
    await lb.addServer('heavy', serverFor(nodes.heavy1));
    const inFlight = get('/heavy').then((res) => ({ status: res.status, at: Date.now() }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await lb.upsertPod({
      name: 'heavy',
      algorithm: 'leastconn',
      paused: false,
      job: LIGHT_JOB,
      queuePerNode: 1000,
    });
    await lb.removeServer('heavy', 'heavy-1');
    const removedAt = Date.now();
    const request = await inFlight;
    expect(request.status).toBe(200);
    // The removal waits for the upstream answer; the client sees it a moment later, hence the slack.
    expect(removedAt).toBeGreaterThanOrEqual(request.at - 100);
  });

  it('keeps every server when a pod changes algorithm', async () => {
    await lb.upsertPod({
      name: 'light',
      algorithm: 'first',
      paused: false,
      job: LIGHT_JOB,
      queuePerNode: 1000,
    });
    const bodies = await Promise.all([0, 1, 2, 3].map(() => get('/light').then((r) => r.body)));
    expect(bodies).toEqual(['light-1', 'light-1', 'light-1', 'light-1']);
    expect((await lb.status()).filter((s) => s.pod === 'light').map((s) => s.nodeId)).toEqual([
      'light-1',
      'light-2',
    ]);
    await lb.upsertPod(pod('light'));
  });

  it('keeps runtime-added servers across a structural change', async () => {
    await lb.addServer('medium', serverFor(nodes.spare));
    await lb.upsertPod({
      name: 'heavy',
      algorithm: 'leastconn',
      paused: false,
      job: LIGHT_JOB,
      queuePerNode: 1000,
    });
    const bodies = new Set<string>();
    for (let i = 0; i < 4; i++) bodies.add((await get('/medium')).body);
    expect([...bodies].sort()).toEqual(['medium-1', 'spare-1']);
  });

  it('fails no keep-alive request while pods change structurally', async () => {
    const load = keepAliveLoad(`${lb.url}/light`, 3000, 8);
    for (const algorithm of ['leastconn', 'random', 'roundrobin'] as const) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await lb.upsertPod({ name: 'heavy', algorithm, paused: false, job: LIGHT_JOB, queuePerNode: 1000 });
    }
    expect(await load).toEqual({ '200': 3000 });
  }, 60_000);

  it('pauses and resumes a pod', async () => {
    await lb.upsertPod(pod('medium', true));
    expect(JSON.parse((await get('/medium')).body)).toEqual(unavailable('pod medium is paused'));
    await lb.upsertPod(pod('medium'));
    expect((await get('/medium')).status).toBe(200);
  });

  it('retries a refused connection on another server, failing no request', async () => {
    const deadPort = await freePort();
    await lb.addServer('heavy', {
      nodeId: 'dead-1',
      host: '127.0.0.1',
      port: deadPort,
      weight: 1,
      maxConnections: 0,
    });
    await lb.addServer('heavy', serverFor(nodes.spare));
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await get('/heavy'));
    expect(answers.map((a) => `${a.status} ${a.body}`)).toEqual(Array(6).fill('200 spare-1'));
    await Promise.all([lb.removeServer('heavy', 'dead-1'), lb.removeServer('heavy', 'spare-1')]);
  });

  it('refuses an invalid pod without touching the others', async () => {
    await expect(lb.upsertPod(pod('Not A Path'))).rejects.toThrow();
    expect(JSON.parse((await get('/nope')).body).paths).toEqual(['/light', '/medium', '/heavy', '/batch']);
    expect((await get('/medium')).status).toBe(200);
  });

  it("measures a pod's response-time percentiles per request, not as an average", async () => {
    const node = await startTestNode('timed-1');
    afterCleanup.push(() => node.close());
    await lb.upsertPod(pod('timed'));
    await lb.addServer('timed', serverFor(node));
    expect(lb.responseTimes('timed', 60_000)).toBeNull();
    // 16 quick requests and 4 slow ones: a running average would say ~60 ms; p90 must see the slow ones.
    const delays = [...Array<number>(16).fill(1), ...Array<number>(4).fill(250)];
    for (const delay of delays) expect((await get(`/timed?delay=${delay}`)).status).toBe(200);
    const all = async () => lb.responseTimes('timed', 60_000)?.samples === 20;
    expect(await waitUntil(all, { timeoutMs: 5000 })).toBe(true);
    const summary = lb.responseTimes('timed', 60_000);
    expect(summary?.p50Ms).toBeLessThan(100);
    expect(summary?.p90Ms).toBeGreaterThanOrEqual(250);
    expect(summary?.p90Ms).toBeLessThan(1000);
    await lb.removePod('timed');
    expect(lb.responseTimes('timed', 60_000)).toBeNull();
  });

  it('counts requests per server in status()', async () => {
    const before = (await lb.status()).find((s) => s.nodeId === 'light-1')?.totalRequests ?? 0;
    await get('/light');
    await get('/light');
    const after = await lb.status();
    expect(after.find((s) => s.nodeId === 'light-1')?.totalRequests).toBe(before + 1);
    expect(after.find((s) => s.nodeId === 'light-2')).toMatchObject({
      pod: 'light',
      health: 'up',
      currentSessions: 0,
    });
  });
});
