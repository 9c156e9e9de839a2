import type { PodMetricsSample } from '@strato/contracts';
import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { loadManagerConfig } from '../config/manager-config';
import { openDatabase, type Db } from '../store/database';
import { MINUTE_MS } from './metrics-aggregates';
import { MetricsHistoryRepository } from './metrics-history.repository';
import { MetricsRetention } from './metrics-retention';

const T0 = Date.UTC(2026, 11, 2, 10, 0, 0);
const DAY_MS = 24 * 60 * MINUTE_MS;

type Numbers = Partial<Omit<PodMetricsSample, 'at' | 'pod'>>;

function sample(pod: string, numbers: Numbers = {}): PodMetricsSample {
  return {
    at: '',
    pod,
    requestRate: 0,
    latencyP50Ms: null,
    latencyP99Ms: null,
    queue: 0,
    sessions: 0,
    http5xxRate: 0,
    nodes: { ready: 1, total: 1 },
    desiredNodes: null,
    cpuPercent: null,
    ...numbers,
  };
}

function setUp(env: Record<string, string> = {}) {
  const config = loadManagerConfig({ STRATO_AGENT_TOKEN: 'a'.repeat(24), STRATO_LB: 'embedded', ...env });
  const db = openDatabase(':memory:');
  const history = new MetricsHistoryRepository(db);
  const retention = new MetricsRetention(db, config, new SchedulerRegistry());
  const append = (at: number, numbers: Numbers = {}, cpu: number | null = null, memoryBytes = 1000) =>
    history.append({
      at,
      pods: [sample('light', numbers)],
      nodes: [{ at: '', node: 'n1', pod: 'light', cpuPercent: cpu, memoryBytes }],
    });
  return { db, history, retention, append };
}

const count = (db: Db, table: string): number =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('MetricsRetention', () => {
  it('rolls a minute up into one row: means of rates, queue, sessions, CPU and p50, the highest p99 and node counts', () => {
    const { db, history, retention, append } = setUp();
    append(
      T0 + 1000,
      {
        requestRate: 10,
        queue: 1,
        sessions: 2,
        http5xxRate: 0,
        latencyP50Ms: 10,
        latencyP99Ms: 50,
        cpuPercent: 40,
        nodes: { ready: 1, total: 2 },
      },
      10,
      1000,
    );
    append(
      T0 + 2000,
      {
        requestRate: 20,
        queue: 3,
        sessions: 4,
        http5xxRate: 1,
        latencyP50Ms: null,
        latencyP99Ms: null,
        cpuPercent: null,
        nodes: { ready: 2, total: 2 },
        desiredNodes: 3,
      },
      null,
      2000,
    );
    append(
      T0 + 3000,
      {
        requestRate: 30,
        queue: 5,
        sessions: 6,
        http5xxRate: 2,
        latencyP50Ms: 20,
        latencyP99Ms: 200,
        cpuPercent: 60,
        nodes: { ready: 1, total: 3 },
      },
      30,
      4000,
    );
    append(T0 + MINUTE_MS + 1000, { requestRate: 99 });
    retention.run(T0 + MINUTE_MS + 5000);

    const read = { pod: 'light', source: 'minute' as const, fromMs: 0, toMs: T0 + DAY_MS, stepMs: MINUTE_MS };
    // Only the minute that is over: the current one is rolled up once it is.
    expect(history.podPoints(read)).toEqual([
      {
        at: new Date(T0).toISOString(),
        requestRate: 20,
        latencyP50Ms: 15,
        latencyP99Ms: 200,
        queue: 3,
        sessions: 4,
        http5xxRate: 1,
        nodes: { ready: 2, total: 3 },
        desiredNodes: 3,
        cpuPercent: 50,
      },
    ]);
    expect(history.nodeSeries(read)).toEqual([
      { node: 'n1', points: [{ at: new Date(T0).toISOString(), cpuPercent: 20, memoryBytes: 2333 }] },
    ]);
    expect(count(db, 'pod_metrics_raw')).toBe(4);
  });

  it('rolls each minute up once, and the next minutes on later runs', () => {
    const { db, retention, append } = setUp();
    append(T0 + 1000, { requestRate: 10 });
    retention.run(T0 + MINUTE_MS);
    append(T0 + MINUTE_MS + 1000, { requestRate: 20 });
    append(T0 + 2 * MINUTE_MS + 1000, { requestRate: 30 });
    retention.run(T0 + 3 * MINUTE_MS);
    retention.run(T0 + 3 * MINUTE_MS + 10);

    expect(db.prepare('SELECT at, request_rate AS rate FROM pod_metrics_minute ORDER BY at').all()).toEqual([
      { at: T0, rate: 10 },
      { at: T0 + MINUTE_MS, rate: 20 },
      { at: T0 + 2 * MINUTE_MS, rate: 30 },
    ]);
  });

  it('drops raw samples past STRATO_METRICS_RAW_RETENTION_MINUTES and rollups past STRATO_METRICS_RETENTION_DAYS', () => {
    const { db, retention, append } = setUp({
      STRATO_METRICS_RAW_RETENTION_MINUTES: '30',
      STRATO_METRICS_RETENTION_DAYS: '2',
    });
    const now = T0 + 3 * DAY_MS;
    append(now - 3 * DAY_MS);
    append(now - DAY_MS);
    append(now - 31 * MINUTE_MS);
    append(now - 29 * MINUTE_MS);
    retention.run(now);

    const minutes = db.prepare('SELECT at FROM pod_metrics_minute ORDER BY at').pluck().all();
    expect(minutes).toEqual([now - DAY_MS, now - 31 * MINUTE_MS, now - 29 * MINUTE_MS]);
    expect(db.prepare('SELECT at FROM pod_metrics_raw').pluck().all()).toEqual([now - 29 * MINUTE_MS]);
    expect(db.prepare('SELECT at FROM node_metrics_raw').pluck().all()).toEqual([now - 29 * MINUTE_MS]);
    expect(count(db, 'node_metrics_minute')).toBe(3);
  });

  it('never drops a raw sample whose minute is not rolled up yet, however short the raw retention', () => {
    const { db, retention, append } = setUp({ STRATO_METRICS_RAW_RETENTION_MINUTES: '0.01' });
    append(T0 + 1000, { requestRate: 10 });
    append(T0 + 50_000, { requestRate: 20 });
    retention.run(T0 + 55_000);

    expect(count(db, 'pod_metrics_raw')).toBe(2);
    retention.run(T0 + MINUTE_MS + 1);
    expect(count(db, 'pod_metrics_raw')).toBe(0);
    expect(db.prepare('SELECT request_rate FROM pod_metrics_minute').pluck().all()).toEqual([15]);
  });

  it('logs a failure instead of throwing, and tries again on the next run', () => {
    const { db, retention, append } = setUp();
    append(T0 + 1000, { requestRate: 10 });
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    db.exec('ALTER TABLE pod_metrics_minute RENAME TO away');
    expect(() => retention.run(T0 + MINUTE_MS)).not.toThrow();
    retention.run(T0 + MINUTE_MS);
    expect(warn.mock.calls).toEqual([['metrics rollup or prune failed: no such table: pod_metrics_minute']]);
    expect(count(db, 'pod_metrics_raw')).toBe(1);
    warn.mockRestore();
    db.exec('ALTER TABLE away RENAME TO pod_metrics_minute');
    retention.run(T0 + MINUTE_MS);
    expect(count(db, 'pod_metrics_minute')).toBe(1);
  });
});
