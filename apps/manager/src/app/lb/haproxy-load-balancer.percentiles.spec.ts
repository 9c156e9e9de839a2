import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ACCESS_LOG_RING, haproxyPaths, type AccessLogEntry } from '@strato/haproxy';
import { HaproxyAccessLog } from './haproxy-access-log';
import { HaproxyLoadBalancer } from './haproxy-load-balancer';
import { describeIfHaproxy, haproxyBinary, pod, serverFor, sleep } from './testing/contract-adapters';
import {
  hdrBounds,
  quantile,
  rankTolerance,
  seededRandom,
  weightedQuantile,
  type WeightedTime,
} from './testing/latency-quantiles';
import { freePort } from './testing/lb-test-fixtures';
import { startTimedTestNode, type TimedTestNode } from './testing/timed-test-node';
import { waitUntil } from './wait-until';

/**
 * `concurrency` keep-alive connections, each sending its next request when the last one is answered,
 * for `forMs` or until `total` requests were sent.
 */
async function closedLoop(
  url: string,
  options: { concurrency: number; forMs: number; total?: number; delayMs: () => number },
  clientMs: number[],
  statuses: Record<string, number>,
): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const until = performance.now() + options.forMs;
  let left = options.total ?? Infinity;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const started = performance.now();
      const done = (status: string): void => {
        statuses[status] = (statuses[status] ?? 0) + 1;
        resolve();
      };
      const req = request(`${url}?delay=${options.delayMs()}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          clientMs.push(performance.now() - started);
          done(String(res.statusCode));
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => done(`error ${error.code}`));
      req.end();
    });
  const worker = async (): Promise<void> => {
    while (performance.now() < until && left-- > 0) await one();
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  agent.destroy();
}

/** A busy pod is logged at 50 to 100 lines a second here, so that even a loaded machine samples. */
const LINES_PER_SECOND = 50;

/**
 * A known latency distribution through the real haproxy, its sampling rules, the manager's reader and
 * its percentiles. 6 s of 1-50 ms requests (log-uniform) as fast as 64 connections go (2-3k req/s on 2
 * quiet cores), which haproxy logs 1 in floor(rate / 50); 2.2 s of quiet, so its one-second rate falls
 * to 0; then 150-300 ms requests on 10 connections (at most 67 req/s, below the 100 at which 1 in 2
 * would be logged: every one is), 2.5 % as many as the fast ones, so p99 is a slow one and p90 a fast one. The exact percentiles of all requests lie
 * between the node's own times (haproxy's %Ta contains them, less 1 ms of rounding) and the client's;
 * the reported ones must lie there within the rank error the samples allow (4 standard errors of the
 * weighted estimate, computed from the very lines the manager read, tapped by a second reader).
 */
describeIfHaproxy('HaproxyLoadBalancer response-time percentiles (real haproxy)', () => {
  jest.setTimeout(90_000);
  let lb: HaproxyLoadBalancer;
  let node: TimedTestNode;
  let tap: HaproxyAccessLog;
  let workDir: string;
  const lines: AccessLogEntry[] = [];
  const clientMs: number[] = [];
  const statuses: Record<string, number> = {};
  let fastRequests = 0;
  let fastLines = 0;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'strato-lb-percentiles-'));
    node = await startTimedTestNode('timed-1');
    const binary = haproxyBinary ?? 'haproxy';
    lb = new HaproxyLoadBalancer({
      binary,
      workDir,
      host: '127.0.0.1',
      port: await freePort(),
      detached: false,
      accessLogLinesPerSecondPerPod: LINES_PER_SECOND,
    });
    await lb.start([pod('timed')], new Map([['timed', [serverFor(node)]]]));
    tap = new HaproxyAccessLog(haproxyPaths(workDir).adminSocket, ACCESS_LOG_RING, (entry) => {
      if (entry.pod === 'timed') lines.push(entry);
    });
    tap.follow();
    const up = async () => (await lb.status()).some((s) => s.nodeId === 'timed-1' && s.health === 'up');
    if (!(await waitUntil(up, { timeoutMs: 10_000 }))) throw new Error('timed-1 never came up');

    const random = seededRandom(7);
    const url = `${lb.url}/timed`;
    const fast = () => Math.round(Math.exp(random() * Math.log(50)));
    await closedLoop(url, { concurrency: 64, forMs: 6000, delayMs: fast }, clientMs, statuses);
    fastRequests = clientMs.length;
    await sleep(2200); // longer than the reader's pause: it has the fast phase's lines now
    fastLines = lines.length;
    const slow = () => Math.round(150 + random() * 150);
    const total = Math.max(40, Math.ceil(0.025 * fastRequests));
    await closedLoop(url, { concurrency: 10, forMs: 20_000, total, delayMs: slow }, clientMs, statuses);
    // Both readers have every line once the manager's count stops moving and matches the tap's.
    let last = -1;
    const settled = async (): Promise<boolean> => {
      const samples = lb.responseTimes('timed', 60_000)?.samples ?? 0;
      const still = samples === last && samples === lines.length;
      last = samples;
      return still;
    };
    await waitUntil(settled, { timeoutMs: 10_000, pollMs: 1500 });
  });

  afterAll(async () => {
    tap?.stop();
    await lb?.stop();
    await node?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  const timed = (): WeightedTime[] => lines.map((line) => ({ ms: line.totalMs, weight: line.weight }));

  it('answered every request, and sampled the fast phase (so the weights are what is tested)', () => {
    expect(statuses).toEqual({ '200': clientMs.length });
    expect(node.served).toHaveLength(clientMs.length);
    expect(lb.responseTimes('timed', 60_000)?.samples).toBe(lines.length);
    expect(Math.max(...lines.map((line) => line.weight))).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThan(fastRequests);
    const slowRequests = clientMs.length - fastRequests;
    const slowLines = lines.slice(fastLines);
    expect(slowLines).toHaveLength(slowRequests);
    expect(slowLines.every((line) => line.weight === 1 && line.totalMs >= 150)).toBe(true);
  });

  it.each([
    ['p50', 0.5, 'p50Ms'],
    ['p90', 0.9, 'p90Ms'],
    ['p99', 0.99, 'p99Ms'],
  ] as const)('reports %s of all requests within the error its samples allow', (name, p, key) => {
    const reported = lb.responseTimes('timed', 60_000)?.[key] ?? NaN;
    const delta = rankTolerance(timed(), p, weightedQuantile(timed(), p));
    const served = [...node.served].sort((a, b) => a - b);
    const client = [...clientMs].sort((a, b) => a - b);
    const [low, high] = hdrBounds(quantile(served, p - delta) - 1, quantile(client, p + delta));
    console.info(
      `${name}: reported ${reported} ms, allowed [${low}, ${high}] (rank error ${delta.toFixed(3)} from`,
      `${lines.length} lines for ${clientMs.length} requests; exact: node ${quantile(served, p)} ms,`,
      `client ${quantile(client, p)} ms)`,
    );
    expect(delta).toBeLessThan(0.15);
    expect(reported).toBeGreaterThanOrEqual(low);
    expect(reported).toBeLessThanOrEqual(high);
    // The manager's histogram and the tapped lines agree (the same lines, weighted the same).
    const [sameLow, sameHigh] = hdrBounds(weightedQuantile(timed(), p), weightedQuantile(timed(), p));
    expect(reported).toBeGreaterThanOrEqual(sameLow);
    expect(reported).toBeLessThanOrEqual(sameHigh);
  });
});
