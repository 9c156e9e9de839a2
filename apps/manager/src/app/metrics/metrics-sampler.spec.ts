import { Logger } from '@nestjs/common';
import request from 'supertest';
import type { PodStatus } from '../lb/load-balancer';
import { podStatusOf } from '../lb/pod-status';
import { manualTicks } from '../../testing/manual-ticks';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { ElasticityTicker } from '../elasticity/elasticity-ticker';
import { DATABASE, type Db } from '../store/database';
import { MetricsFeed, type MetricsSnapshot } from './metrics-feed';
import { MetricsSampler } from './metrics-sampler';

const T0 = Date.UTC(2026, 11, 2, 10, 0, 0);

/** What the balancer says about light: two servers whose 5xx counters are given. */
function lightStatus(http5xx: [number, number]): PodStatus[] {
  const server = (nodeId: string, errors: number) => ({
    nodeId,
    host: '127.0.0.1',
    port: 1,
    weight: 1,
    maxConnections: 8,
    pod: 'light',
    health: 'up' as const,
    currentSessions: 2,
    totalRequests: 100,
    requestRate: 20,
    queue: 1,
    responseTimeMs: 10,
    http5xx: errors,
    downTransitions: 0,
  });
  const pod = {
    name: 'light',
    algorithm: 'roundrobin' as const,
    paused: false,
    job: { kind: 'light' as const, scale: 1 },
    queuePerNode: 8,
  };
  return [podStatusOf(pod, [server('n1', http5xx[0]), server('n2', http5xx[1])])];
}

describe('MetricsSampler (in-process: fake agent samples, a stand-in balancer status, ticks by hand)', () => {
  let test: TestApp;
  let sampler: MetricsSampler;
  let snapshots: MetricsSnapshot[];
  const http = () => request(test.app.getHttpServer());
  const rows = (table: string, pod: string) =>
    (
      test.app.get<Db>(DATABASE).prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE pod = ?`).get(pod) as {
        n: number;
      }
    ).n;

  beforeAll(async () => {
    test = await createCloudTestApp({ STRATO_ELASTICITY_TICK_MS: '0' });
    for (const name of ['n1', 'n2']) {
      await http().post('/api/v1/nodes').set(auth).send({ name, pod: 'light' }).expect(201);
      await http().post('/api/v1/pods/light/launch').set(auth).expect(201);
    }
    await http().post('/api/v1/nodes').set(auth).send({ name: 'n3', pod: 'light' }).expect(201);
    sampler = test.app.get(MetricsSampler);
    test.app.get(MetricsFeed).sampled$.subscribe((snapshot) => snapshots.push(snapshot));
  });
  beforeEach(() => {
    snapshots = [];
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => test.close());

  it('announces one sample per pod from the balancer, the store and the agents, and writes it', async () => {
    test.agent.cpuPercent = 15;
    test.lb.latencies.set('light', { windowMs: 10_000, samples: 40, p50Ms: 12, p90Ms: 40, p99Ms: 80 });
    const status = jest.spyOn(test.lb, 'podStatus').mockResolvedValue(lightStatus([3, 0]));
    await sampler.tick(T0);
    status.mockResolvedValue(lightStatus([5, 4]));
    await sampler.tick(T0 + 2000);

    expect(snapshots.map((s) => s.at)).toEqual([
      new Date(T0).toISOString(),
      new Date(T0 + 2000).toISOString(),
    ]);
    const [light, medium, heavy] = snapshots[1].pods;
    expect(light).toEqual({
      at: new Date(T0 + 2000).toISOString(),
      pod: 'light',
      requestRate: 40,
      latencyP50Ms: 12,
      latencyP99Ms: 80,
      queue: 2,
      sessions: 4,
      // (5 - 3) + (4 - 0) errors over 2 s; the first tick only set the baseline.
      http5xxRate: 3,
      nodes: { ready: 2, total: 3 },
      desiredNodes: null,
      // 15 % of a core on a 0.3-CPU node is half its cap.
      cpuPercent: 50,
    });
    expect(snapshots[0].pods[0].http5xxRate).toBe(0);
    expect([medium, heavy]).toMatchObject([
      { pod: 'medium', requestRate: 0, latencyP99Ms: null, nodes: { ready: 0, total: 0 }, cpuPercent: null },
      { pod: 'heavy', requestRate: 0, latencyP99Ms: null, nodes: { ready: 0, total: 0 }, cpuPercent: null },
    ]);
    expect(rows('pod_metrics_raw', 'light')).toBe(2);
    expect(rows('pod_metrics_raw', 'heavy')).toBe(2);
    // n3 was never launched: the agent has no sample of it.
    expect(rows('node_metrics_raw', 'light')).toBe(4);
    expect(
      test.app
        .get(MetricsFeed)
        .latest()
        .map((s) => [s.pod, s.at]),
    ).toEqual(['light', 'medium', 'heavy'].map((pod) => [pod, new Date(T0 + 2000).toISOString()]));
  });

  it('says what elasticity wants for a pod that has it on, and null for the others', async () => {
    const ticker = test.app.get(ElasticityTicker);
    await http()
      .post('/api/v1/pods/light/elasticity/enable')
      .set(auth)
      .send({ minNodes: 2, maxNodes: 2 })
      .expect(200);
    await manualTicks(() => ticker)();
    await sampler.tick(T0 + 3000);

    const wanted = ticker.status.get('light')?.decision.desiredNodes;
    expect(wanted).toBe(2);
    expect(snapshots[0].pods.map((s) => [s.pod, s.desiredNodes])).toEqual([
      ['light', 2],
      ['medium', null],
      ['heavy', null],
    ]);
    await http().post('/api/v1/pods/light/elasticity/disable').set(auth).expect(200);
  });

  it('skips a tick whose balancer cannot be read, logging it once, and samples again when it can', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const before = rows('pod_metrics_raw', 'light');
    const status = jest.spyOn(test.lb, 'podStatus').mockRejectedValue(new Error('load balancer unavailable'));
    await expect(sampler.tick(T0 + 4000)).resolves.toBeUndefined();
    await sampler.tick(T0 + 5000);

    expect(snapshots).toEqual([]);
    expect(rows('pod_metrics_raw', 'light')).toBe(before);
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      'metrics sample skipped: load balancer unavailable',
    ]);

    status.mockRestore();
    await sampler.tick(T0 + 6000);
    expect(snapshots).toHaveLength(1);
    expect(rows('pod_metrics_raw', 'light')).toBe(before + 1);
  });

  it('announces the sample even when it cannot be written, and does not throw', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const db = test.app.get<Db>(DATABASE);
    db.exec('ALTER TABLE pod_metrics_raw RENAME TO pod_metrics_raw_away');
    try {
      await expect(sampler.tick(T0 + 7000)).resolves.toBeUndefined();
    } finally {
      db.exec('ALTER TABLE pod_metrics_raw_away RENAME TO pod_metrics_raw');
    }
    expect(snapshots).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/^writing the metrics history failed: /);
  });

  it('forgets the history and the newest sample of a pod that is removed', async () => {
    await sampler.tick(T0 + 8000);
    expect(rows('pod_metrics_raw', 'heavy')).toBeGreaterThan(0);
    await http().delete('/api/v1/pods/heavy').set(auth).expect(200);

    expect(rows('pod_metrics_raw', 'heavy')).toBe(0);
    expect(
      test.app
        .get(MetricsFeed)
        .latest()
        .map((s) => s.pod),
    ).toEqual(['light', 'medium']);
  });
});
