import { constant, runLoad } from '@strato/loadgen';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadBalancer, ServerHealth } from './load-balancer';
import { describeEachAdapter, LIGHT_JOB, serverFor, sleep } from './testing/contract-adapters';
import { countBodies, freePort, httpGet, startTestNode, type TestNode } from './testing/lb-test-fixtures';
import { waitUntil } from './wait-until';

describeEachAdapter('LoadBalancer contract, failing nodes and stats', (kind, create) => {
  jest.setTimeout(30_000);
  let lb: LoadBalancer;
  let workDir: string;
  const nodes: TestNode[] = [];
  const start = async (name: string, delayMs = 0, port = 0): Promise<TestNode> => {
    const node = await startTestNode(name, delayMs, port);
    nodes.push(node);
    return node;
  };
  const health = async (nodeId: string): Promise<ServerHealth | undefined> =>
    (await lb.status()).find((s) => s.nodeId === nodeId)?.health;
  /** Milliseconds until the node reads `wanted`, or null after `timeoutMs`. */
  const timeUntil = async (
    nodeId: string,
    wanted: ServerHealth,
    timeoutMs: number,
  ): Promise<number | null> => {
    const since = Date.now();
    const ok = await waitUntil(async () => (await health(nodeId)) === wanted, { timeoutMs, pollMs: 20 });
    return ok ? Date.now() - since : null;
  };

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'strato-lb-fail-'));
    lb = create(await freePort(), workDir);
    const pods = ['join', 'kill', 'stats'].map((name) => ({
      name,
      algorithm: 'roundrobin' as const,
      paused: false,
      job: LIGHT_JOB,
      queuePerNode: 1000,
    }));
    await lb.start(pods, new Map());
  });

  afterAll(async () => {
    await lb?.stop();
    await Promise.all(nodes.map((node) => node.close()));
    rmSync(workDir, { recursive: true, force: true });
  });

  it('fails no request for a server added before it listens, and puts it into rotation once it answers /health', async () => {
    await lb.addServer('join', serverFor(await start('live')));
    const latePort = await freePort();
    await lb.addServer('join', {
      nodeId: 'late',
      host: '127.0.0.1',
      port: latePort,
      weight: 1,
      maxConnections: 0,
    });
    expect(await countBodies(`${lb.url}/join`, 100)).toEqual({ live: 100 });
    expect(await timeUntil('late', 'down', 2500)).not.toBeNull();
    await start('late', 0, latePort);
    const joinedMs = await timeUntil('late', 'up', 3000);
    console.info(`${kind}: a server listening late joined ${joinedMs} ms after it started listening`);
    expect(joinedMs).not.toBeNull();
    expect(await countBodies(`${lb.url}/join`, 10)).toEqual({ live: 5, late: 5 });
  });

  it('takes a node killed under load out within 2 s, failing at most the requests in flight on it', async () => {
    const [k1, k2, k3] = await Promise.all(['k1', 'k2', 'k3'].map((name) => start(name, 50)));
    for (const node of [k1, k2, k3]) await lb.addServer('kill', serverFor(node));
    const load = runLoad({ target: `${lb.url}/kill`, schedule: constant(200), durationMs: 3000 });
    await sleep(800);
    const inFlight = (await lb.status()).find((s) => s.nodeId === 'k1')?.currentSessions;
    await k1.close();
    const takenOutMs = await timeUntil('k1', 'down', 3000);
    const result = await load;
    console.info(
      `${kind}: killed node (${inFlight} requests in flight) out after ${takenOutMs} ms;`,
      `load: ${result.sent} sent, ${result.failed} failed`,
      result.statusCounts,
      result.errorCounts,
    );
    expect(takenOutMs).not.toBeNull();
    expect(takenOutMs).toBeLessThan(2000);
    expect(result.failed).toBeLessThanOrEqual(3);
    const status = await lb.status();
    expect(status.find((s) => s.nodeId === 'k1')?.downTransitions).toBe(1);
    expect(status.find((s) => s.nodeId === 'k2')?.downTransitions).toBe(0);
  });

  it('reports request rate, response time, 5xx and totals per server and per pod', async () => {
    const [a, b] = await Promise.all([start('st-a'), start('st-b')]);
    for (const node of [a, b]) await lb.addServer('stats', serverFor(node));
    await Promise.all([...Array(20)].map(() => httpGet(`${lb.url}/stats?delay=60`)));
    await Promise.all([...Array(4)].map(() => httpGet(`${lb.url}/stats?status=500`)));
    const [server] = (await lb.status()).filter((s) => s.nodeId === 'st-a');
    expect(server).toMatchObject({ pod: 'stats', health: 'up', totalRequests: 12, http5xx: 2, queue: 0 });
    // HAProxy's rate blends in the previous second's count when a second boundary falls in between.
    expect(server.requestRate).toBeGreaterThanOrEqual(10);
    expect(server.requestRate).toBeLessThanOrEqual(12);
    expect(server.responseTimeMs).toBeGreaterThanOrEqual(30);
    const pod = (await lb.podStatus()).find((p) => p.name === 'stats');
    expect(pod).toMatchObject({ algorithm: 'roundrobin', paused: false, currentSessions: 0, http5xx: 4 });
    expect(pod?.requestRate).toBeGreaterThanOrEqual(20);
    expect(pod?.servers.map((s) => s.nodeId)).toEqual(['st-a', 'st-b']);
    await lb.upsertPod({
      name: 'stats',
      algorithm: 'leastconn',
      paused: false,
      job: LIGHT_JOB,
      queuePerNode: 1000,
    });
    await httpGet(`${lb.url}/stats?status=503`);
    const after = (await lb.podStatus()).find((p) => p.name === 'stats');
    expect(after?.servers.reduce((n, s) => n + s.totalRequests, 0)).toBe(25);
    expect(after?.http5xx).toBe(5);
  });
});
