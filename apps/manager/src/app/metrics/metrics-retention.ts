import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { DATABASE, type Db } from '../store/database';
import { MINUTE_MS, NODE_AGGREGATES, NODE_COLUMNS, POD_AGGREGATES, POD_COLUMNS } from './metrics-aggregates';

/** Rollup and prune run at boot and this often: a minute's samples are rolled up once it is over. */
export const RETENTION_EVERY_MS = MINUTE_MS;
const DAY_MS = 24 * 60 * MINUTE_MS;
const INTERVAL = 'metrics-retention';

/**
 * Keeps the metrics history bounded: every minute that is over is rolled up into one row per pod (and
 * per node), then raw samples older than STRATO_METRICS_RAW_RETENTION_MINUTES and rollups older than
 * STRATO_METRICS_RETENTION_DAYS are deleted. A raw sample is never deleted before its minute is rolled
 * up, whatever the retention.
 */
@Injectable()
export class MetricsRetention implements OnApplicationBootstrap {
  private readonly logger = new Logger('Metrics');
  private lastProblem: string | undefined;

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.run();
    this.scheduler.addInterval(
      INTERVAL,
      setInterval(() => this.run(), RETENTION_EVERY_MS),
    );
  }

  /** Never throws: a failure is logged (once until it changes) and the next run tries again. */
  run(now = Date.now()): void {
    try {
      this.db.transaction(() => {
        const rolledUpTo = this.rollUp(now);
        this.prune(now, rolledUpTo);
      })();
      this.lastProblem = undefined;
    } catch (error) {
      const problem = (error as Error).message;
      if (problem !== this.lastProblem) this.logger.warn(`metrics rollup or prune failed: ${problem}`);
      this.lastProblem = problem;
    }
  }

  /** Rolls up every minute before the current one not rolled up yet; returns where the rollups end. */
  rollUp(now: number): number {
    const to = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const minute = `CAST(at / ${MINUTE_MS} AS INTEGER) * ${MINUTE_MS}`;
    this.db
      .prepare(
        `INSERT OR REPLACE INTO pod_metrics_minute (pod, at, ${POD_COLUMNS})
         SELECT pod, ${minute} AS bucket, ${POD_AGGREGATES} FROM pod_metrics_raw
         WHERE at >= @from AND at < @to GROUP BY pod, bucket`,
      )
      .run({ from: this.rolledUpTo('pod_metrics_minute'), to });
    this.db
      .prepare(
        `INSERT OR REPLACE INTO node_metrics_minute (pod, node, at, ${NODE_COLUMNS})
         SELECT pod, node, ${minute} AS bucket, ${NODE_AGGREGATES} FROM node_metrics_raw
         WHERE at >= @from AND at < @to GROUP BY pod, node, bucket`,
      )
      .run({ from: this.rolledUpTo('node_metrics_minute'), to });
    return to;
  }

  prune(now: number, rolledUpTo: number): void {
    const rawCutoff = Math.min(now - this.config.metricsRawRetentionMinutes * MINUTE_MS, rolledUpTo);
    const minuteCutoff = now - this.config.metricsRetentionDays * DAY_MS;
    for (const table of ['pod_metrics_raw', 'node_metrics_raw'])
      this.db.prepare(`DELETE FROM ${table} WHERE at < ?`).run(rawCutoff);
    for (const table of ['pod_metrics_minute', 'node_metrics_minute'])
      this.db.prepare(`DELETE FROM ${table} WHERE at < ?`).run(minuteCutoff);
  }

  /** The end of the newest minute rolled up: the minutes from there on are not yet. */
  private rolledUpTo(table: 'pod_metrics_minute' | 'node_metrics_minute'): number {
    const row = this.db.prepare(`SELECT MAX(at) AS newest FROM ${table}`).get() as { newest: number | null };
    return row.newest === null ? 0 : row.newest + MINUTE_MS;
  }
}
