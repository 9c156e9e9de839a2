import { constant, runLoad } from '@strato/loadgen';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BalancedServerNotFoundError } from './balanced-server-not-found.error';
import { InvalidWeightError } from './invalid-weight.error';
import type { LoadBalancer } from './load-balancer';
import { describeEachAdapter, LIGHT_JOB, serverFor, sleep } from './testing/contract-adapters';
import { countBodies, freePort, httpGet, startTestNode, type TestNode } from './testing/lb-test-fixtures';
import { waitUntil } from './wait-until';

describeEachAdapter('LoadBalancer contract, algorithms and weights', (_kind, create) => {
  jest.setTimeout(30_000);
  let lb: LoadBalancer;
  let workDir: string;
  let nodes: TestNode[];
  const url = (query = ''): string => `${lb.url}/algo${query}`;
  const algorithm = (name: 'roundrobin' | 'leastconn' | 'first' | 'random') =>
    lb.upsertPod({ name: 'algo', algorithm: name, paused: false, job: LIGHT_JOB, queuePerNode: 1000 });
  const weights = async (...values: number[]): Promise<void> => {
    for (const [i, node] of nodes.entries()) await lb.setWeight('algo', node.name, values[i]);
  };

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'strato-lb-algo-'));
    nodes = await Promise.all(['s1', 's2', 's3'].map((name) => startTestNode(name)));
    lb = create(await freePort(), workDir);
    await lb.start(
      [{ name: 'algo', algorithm: 'roundrobin', paused: false, job: LIGHT_JOB, queuePerNode: 1000 }],
      new Map([['algo', []]]),
    );
    for (const node of nodes) await lb.addServer('algo', serverFor(node));
  });

  afterAll(async () => {
    await lb?.stop();
    await Promise.all((nodes ?? []).map((node) => node.close()));
    rmSync(workDir, { recursive: true, force: true });
  });

  it('roundrobin spreads 300 requests evenly', async () => {
    await algorithm('roundrobin');
    const counts = await countBodies(url(), 300);
    for (const name of ['s1', 's2', 's3']) expect(Math.abs(counts[name] - 100)).toBeLessThanOrEqual(2);
  });

  it('first sends every sequential request to the first server', async () => {
    await algorithm('first');
    expect(await countBodies(url(), 300)).toEqual({ s1: 300 });
  });

  it('random spreads 300 requests roughly evenly', async () => {
    await algorithm('random');
    const counts = await countBodies(url(), 300);
    for (const name of ['s1', 's2', 's3']) expect(counts[name]).toBeGreaterThan(50);
  });

  it('leastconn avoids a server held busy by 4 long requests', async () => {
    await algorithm('leastconn');
    await weights(1, 0, 0);
    const long = [1, 2, 3, 4].map(() => httpGet(url('?delay=1500')));
    const busy = async (): Promise<boolean> =>
      (await lb.status()).find((s) => s.nodeId === 's1')?.currentSessions === 4;
    expect(await waitUntil(busy, { timeoutMs: 1000 })).toBe(true);
    await weights(1, 1, 1);
    const bodies = await Promise.all([...Array(8)].map(() => httpGet(url('?delay=200')).then((r) => r.body)));
    expect(bodies.filter((body) => body === 's1').length).toBeLessThanOrEqual(1);
    expect(bodies.filter((body) => body === 's2').length).toBeGreaterThanOrEqual(3);
    expect((await Promise.all(long)).map((r) => r.body)).toEqual(['s1', 's1', 's1', 's1']);
  });

  it('splits 40 requests 30/10/0 with weights 3:1:0, and keeps the weights across a structural change', async () => {
    await algorithm('roundrobin');
    await weights(3, 1, 0);
    expect(await countBodies(url(), 40)).toEqual({ s1: 30, s2: 10 });
    await algorithm('roundrobin');
    expect(await countBodies(url(), 40)).toEqual({ s1: 30, s2: 10 });
    expect((await lb.status()).map((s) => [s.nodeId, s.weight])).toEqual([
      ['s1', 3],
      ['s2', 1],
      ['s3', 0],
    ]);
    await weights(1, 1, 1);
  });

  it('refuses a weight out of 0..256 and an unknown node or pod with typed errors', async () => {
    for (const weight of [-1, 257, 1.5, Number.NaN]) {
      await expect(lb.setWeight('algo', 's1', weight)).rejects.toThrow(InvalidWeightError);
    }
    await expect(lb.setWeight('algo', 'nope', 1)).rejects.toThrow(BalancedServerNotFoundError);
    await expect(lb.setWeight('nope', 's1', 1)).rejects.toThrow(BalancedServerNotFoundError);
    await expect(lb.addServer('algo', { ...serverFor(nodes[0]), weight: 300 })).rejects.toThrow(
      InvalidWeightError,
    );
    await lb.setWeight('algo', 's3', 256);
    expect((await lb.status()).find((s) => s.nodeId === 's3')?.weight).toBe(256);
    await lb.setWeight('algo', 's3', 1);
  });

  it('changes the algorithm while a constant load runs, failing no request', async () => {
    const load = runLoad({ target: url(), schedule: constant(200), durationMs: 2500 });
    for (const name of ['leastconn', 'first', 'random', 'source', 'uri', 'roundrobin'] as const) {
      await sleep(300);
      await lb.upsertPod({
        name: 'algo',
        algorithm: name,
        paused: false,
        job: LIGHT_JOB,
        queuePerNode: 1000,
      });
    }
    const result = await load;
    expect(result.errorCounts).toEqual({});
    expect(result.statusCounts).toEqual({ '200': result.sent });
    expect(result.sent).toBeGreaterThan(400);
  });
});
