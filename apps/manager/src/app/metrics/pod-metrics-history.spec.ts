import type { PodMetricsSample } from '@strato/contracts';
import { SchedulerRegistry } from '@nestjs/schedule';
import { loadManagerConfig } from '../config/manager-config';
import { openDatabase } from '../store/database';
import { PodsRepository } from '../store/pods.repository';
import { MINUTE_MS } from './metrics-aggregates';
import { MetricsHistoryRepository } from './metrics-history.repository';
import { MetricsRetention } from './metrics-retention';
import { PodMetricsHistory } from './pod-metrics-history';

/** A whole second, plus 400 ms: samples at whole seconds are then never on the edge of the range. */
const NOW = Date.UTC(2026, 11, 2, 10, 0, 0) + 400;
const SECOND = 1000;

const sample = (pod: string, requestRate: number, latencyP99Ms: number | null = null): PodMetricsSample => ({
  at: '',
  pod,
  requestRate,
  latencyP50Ms: null,
  latencyP99Ms,
  queue: 0,
  sessions: 0,
  http5xxRate: 0,
  nodes: { ready: 1, total: 1 },
  desiredNodes: null,
  cpuPercent: null,
});

function setUp() {
  const config = loadManagerConfig({ STRATO_AGENT_TOKEN: 'a'.repeat(24), STRATO_LB: 'embedded' });
  const db = openDatabase(':memory:');
  for (const name of ['light', 'medium'])
    db.prepare(
      "INSERT INTO pods (name, cpus, memory_mib, max_nodes, created_at) VALUES (?, 0.3, 100, 20, 'now')",
    ).run(name);
  const history = new MetricsHistoryRepository(db);
  const retention = new MetricsRetention(db, config, new SchedulerRegistry());
  const metrics = new PodMetricsHistory(new PodsRepository(db), history, config);
  /** A sample of light (and a busier one of medium) `ago` ms before NOW, rounded down to a whole second. */
  const append = (ago: number, requestRate: number, latencyP99Ms: number | null = null) => {
    const at = Math.floor((NOW - ago) / SECOND) * SECOND;
    history.append({
      at,
      pods: [sample('light', requestRate, latencyP99Ms), sample('medium', 1000)],
      nodes: [
        { at: '', node: 'n2', pod: 'light', cpuPercent: requestRate, memoryBytes: 100 },
        { at: '', node: 'n1', pod: 'light', cpuPercent: null, memoryBytes: 200 },
      ],
    });
  };
  return { metrics, retention, append };
}

describe('PodMetricsHistory', () => {
  it('reads 15 minutes of every-second samples as 900 one-second points, oldest first', () => {
    const { metrics, append } = setUp();
    for (let s = 0; s < 1000; s++) append(s * SECOND, s);
    const read = metrics.of('0', '15m', NOW);

    expect(read).toMatchObject({ pod: 'light', range: '15m', stepSeconds: 1, source: 'raw' });
    expect(read.points).toHaveLength(900);
    expect(read.points.map((p) => p.requestRate).slice(0, 2)).toEqual([899, 898]);
    expect(read.points.at(-1)).toMatchObject({ at: new Date(NOW - 400).toISOString(), requestRate: 0 });
    expect(read.nodes.map((n) => [n.node, n.points.length])).toEqual([
      ['n1', 900],
      ['n2', 900],
    ]);
  });

  it('buckets an hour in 4 s: the mean rate and the highest p99 of each bucket', () => {
    const { metrics, append } = setUp();
    // 10:00:00 starts a 4 s bucket (its epoch second divides by 4): 9:59:52-9:59:55 are the one before.
    append(5 * SECOND, 10, 50);
    append(6 * SECOND, 20, null);
    append(7 * SECOND, 30, 200);
    append(8 * SECOND, 40, 100);
    append(9 * SECOND, 1000, 1000);
    append(61 * 60 * SECOND, 1000, 1000);
    const read = metrics.of('light', '1h', NOW);

    expect(read).toMatchObject({ stepSeconds: 4, source: 'raw' });
    expect(read.points.map((p) => [p.at.slice(11, 19), p.requestRate, p.latencyP99Ms])).toEqual([
      ['09:59:48', 1000, 1000],
      ['09:59:52', 25, 200],
    ]);
    expect(read.nodes.find((n) => n.node === 'n2')?.points.map((p) => p.cpuPercent)).toEqual([1000, 25]);
  });

  it('reads 6 h, 24 h and 7 d from the minute rollups: in 60 s, 2 min and 15 min buckets', () => {
    const { metrics, retention, append } = setUp();
    for (const minutesAgo of [2, 3, 4, 20, 300, 2000]) append(minutesAgo * MINUTE_MS, minutesAgo);
    retention.run(NOW);

    const [sixHours, day, week] = (['6h', '24h', '7d'] as const).map((range) =>
      metrics.of('light', range, NOW),
    );
    expect([sixHours, day, week].map((r) => [r.source, r.stepSeconds])).toEqual([
      ['minute', 60],
      ['minute', 120],
      ['minute', 900],
    ]);
    expect(sixHours.points.map((p) => p.requestRate)).toEqual([300, 20, 4, 3, 2]);
    // 10:00:00.4 - n min falls into the 2-min buckets [9:56, 9:58) and [9:58, 10:00): 4 and 3 share one.
    expect(day.points.map((p) => p.requestRate)).toEqual([300, 20, 3.5, 2]);
    expect(week.points.map((p) => p.requestRate)).toEqual([2000, 300, 20, 3]);
    expect(week.points.every((p) => Date.parse(p.at) % (15 * MINUTE_MS) === 0)).toBe(true);
  });

  it("reads one pod's rows only, and none older than the range", () => {
    const { metrics, append } = setUp();
    append(16 * 60 * SECOND, 1);
    expect(metrics.of('light', '15m', NOW)).toMatchObject({ points: [], nodes: [] });
  });
});
