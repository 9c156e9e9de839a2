import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Db } from '../store/database';
import { BUCKET, NODE_AGGREGATES, NODE_COLUMNS, POD_AGGREGATES, POD_COLUMNS } from './metrics-aggregates';
import type { MetricsReading } from './metrics-reader';

/** Which rows a read comes from: every sample, or the one-minute rollups. */
export type MetricsSource = 'raw' | 'minute';

export interface PodMetricsPoint {
  at: string;
  requestRate: number;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  queue: number;
  sessions: number;
  http5xxRate: number;
  nodes: { ready: number; total: number };
  desiredNodes: number | null;
  cpuPercent: number | null;
}

export interface NodeMetricsPoint {
  at: string;
  cpuPercent: number | null;
  memoryBytes: number;
}

export interface NodeMetricsSeries {
  node: string;
  points: NodeMetricsPoint[];
}

/** One pod's rows with `from <= at <= to` (epoch ms), averaged into buckets of `stepMs`. */
export interface BucketedRead {
  pod: string;
  source: MetricsSource;
  fromMs: number;
  toMs: number;
  stepMs: number;
}

type PodRow = [
  number,
  number,
  number | null,
  number | null,
  number,
  number,
  number,
  number,
  number,
  number | null,
  number | null,
];
type NodeRow = [string, number, number | null, number];

const iso = (ms: number): string => new Date(ms).toISOString();

/** The metrics history in SQLite: samples appended every tick, read back per pod in buckets. */
@Injectable()
export class MetricsHistoryRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  append(reading: MetricsReading): void {
    const pod = this.db.prepare(
      `INSERT OR REPLACE INTO pod_metrics_raw (pod, at, ${POD_COLUMNS})
       VALUES (@pod, @at, @requestRate, @latencyP50Ms, @latencyP99Ms, @queue, @sessions, @http5xxRate,
               @ready, @total, @desiredNodes, @cpuPercent)`,
    );
    const node = this.db.prepare(
      `INSERT OR REPLACE INTO node_metrics_raw (pod, node, at, ${NODE_COLUMNS})
       VALUES (@pod, @node, @at, @cpuPercent, @memoryBytes)`,
    );
    this.db.transaction(() => {
      for (const { nodes, ...sample } of reading.pods) pod.run({ ...sample, ...nodes, at: reading.at });
      for (const sample of reading.nodes) node.run({ ...sample, at: reading.at });
    })();
  }

  podPoints(read: BucketedRead): PodMetricsPoint[] {
    const rows = this.db
      .prepare(
        `SELECT ${BUCKET} AS bucket, ${POD_AGGREGATES} FROM pod_metrics_${read.source}
         WHERE pod = @pod AND at >= @from AND at <= @to GROUP BY bucket ORDER BY bucket`,
      )
      .raw(true)
      .all(this.params(read)) as PodRow[];
    return rows.map(
      ([bucket, requestRate, p50, p99, queue, sessions, http5xxRate, ready, total, desired, cpu]) => ({
        at: iso(bucket),
        requestRate,
        latencyP50Ms: p50,
        latencyP99Ms: p99,
        queue,
        sessions,
        http5xxRate,
        nodes: { ready, total },
        desiredNodes: desired,
        cpuPercent: cpu,
      }),
    );
  }

  /** Every node that has rows in the range, by name. */
  nodeSeries(read: BucketedRead): NodeMetricsSeries[] {
    const rows = this.db
      .prepare(
        `SELECT node, ${BUCKET} AS bucket, ${NODE_AGGREGATES} FROM node_metrics_${read.source}
         WHERE pod = @pod AND at >= @from AND at <= @to GROUP BY node, bucket ORDER BY node, bucket`,
      )
      .raw(true)
      .all(this.params(read)) as NodeRow[];
    const series = new Map<string, NodeMetricsPoint[]>();
    for (const [node, bucket, cpuPercent, memoryBytes] of rows) {
      const points = series.get(node) ?? [];
      points.push({ at: iso(bucket), cpuPercent, memoryBytes });
      series.set(node, points);
    }
    return [...series].map(([node, points]) => ({ node, points }));
  }

  /** A removed pod's history goes with it: a new pod of that name starts with none. */
  forget(pod: string): void {
    this.db.transaction(() => {
      for (const table of [
        'pod_metrics_raw',
        'pod_metrics_minute',
        'node_metrics_raw',
        'node_metrics_minute',
      ])
        this.db.prepare(`DELETE FROM ${table} WHERE pod = ?`).run(pod);
    })();
  }

  private params(read: BucketedRead): Record<string, number | string> {
    return { pod: read.pod, from: read.fromMs, to: read.toMs, step: read.stepMs };
  }
}
