import { Inject, Injectable } from '@nestjs/common';
import type { BatchJobStatus, FinalBatchJobStatus, JobEndReason } from '@strato/contracts';
import { DATABASE, type Db, prepared } from '../store/database';
import { newAttemptId } from './job-ids';
import {
  type AttemptRecord,
  type AttemptRow,
  type JobRecord,
  type JobRow,
  type NewJob,
  toAttemptRecord,
  toJobRecord,
} from './job-record';
import { judgeReport } from './job-status-machine';

export interface JobFilter {
  pod?: string;
  node?: string;
  status?: BatchJobStatus;
  array?: string;
  limit: number;
  offset: number;
}

export interface ActiveJobCount {
  array: string | null;
  parallelism: number | null;
  status: 'QUEUED' | 'RUNNING';
  n: number;
}

export type InsertOutcome =
  | { inserted: true; jobs: JobRecord[] }
  | { inserted: false; why: 'queue-full'; queued: number }
  | { inserted: false; why: 'id-taken' };

export type AbortOutcome =
  | { outcome: 'aborted' | 'abort-requested' | 'already-aborted'; job: JobRecord }
  | { outcome: 'finished'; job: JobRecord };

/** How an attempt ended: a final status, or back to the queue (a retry, a lost node) after `notBefore`. */
export interface AttemptEnd {
  attemptId: string;
  status: FinalBatchJobStatus | 'QUEUED';
  exitCode?: number | null;
  signal?: string | null;
  reason?: JobEndReason | string | null;
  /** QUEUED only: not dispatched again before this time. */
  notBefore?: Date | null;
}

export type EndOutcome =
  | { applied: true; job: JobRecord }
  | {
      applied: false;
      why: 'unknown-job' | 'already-final' | 'stale-attempt' | 'not-running';
      job?: JobRecord;
    };

/** The batch jobs and their attempts. Each check-then-write runs in one immediate transaction. */
@Injectable()
export class JobsRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  find(id: string): JobRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM batch_jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row && toJobRecord(row);
  }

  /** Newest submit first; the tasks of an array in index order. */
  list(filter: JobFilter): JobRecord[] {
    const rows = prepared(
      this.db,
      `SELECT * FROM batch_jobs
         WHERE (@pod IS NULL OR pod = @pod) AND (@node IS NULL OR node = @node)
           AND (@status IS NULL OR status = @status) AND (@array IS NULL OR array_id = @array)
         ORDER BY submitted_at DESC, array_id, array_index, id LIMIT @limit OFFSET @offset`,
    ).all({
      pod: filter.pod ?? null,
      node: filter.node ?? null,
      status: filter.status ?? null,
      array: filter.array ?? null,
      limit: filter.limit,
      offset: filter.offset,
    }) as JobRow[];
    return rows.map(toJobRecord);
  }

  countQueued(pod: string): number {
    const row = prepared(
      this.db,
      "SELECT COUNT(*) AS n FROM batch_jobs WHERE pod = ? AND status = 'QUEUED'",
    ).get(pod) as { n: number };
    return row.n;
  }

  /** Queues all the jobs (an array's tasks together) or none: not if the pod's queue would pass its limit. */
  insertQueued(jobs: readonly NewJob[], queueLimit: number, now = new Date()): InsertOutcome {
    return this.db
      .transaction((): InsertOutcome => {
        const pods = new Set(jobs.map((job) => job.pod));
        for (const pod of pods) {
          const queued = this.countQueued(pod);
          if (queued + jobs.filter((job) => job.pod === pod).length > queueLimit)
            return { inserted: false, why: 'queue-full', queued };
        }
        const taken = prepared(this.db, 'SELECT 1 FROM batch_jobs WHERE id = ?');
        if (jobs.some((job) => taken.get(job.id) !== undefined)) return { inserted: false, why: 'id-taken' };
        const insert = prepared(
          this.db,
          `INSERT INTO batch_jobs (id, pod, spec, timeout_s, retry_policy, priority, array_id, array_index,
             array_count, array_parallelism, status, submitted_at, queued_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)`,
        );
        const at = now.toISOString();
        for (const job of jobs) {
          insert.run(
            job.id,
            job.pod,
            JSON.stringify(job.spec),
            job.timeoutS,
            JSON.stringify(job.retry),
            job.priority,
            job.array?.id ?? null,
            job.array?.index ?? null,
            job.array?.count ?? null,
            job.array?.parallelism ?? null,
            at,
            at,
          );
        }
        return { inserted: true, jobs: jobs.map((job) => this.find(job.id) as JobRecord) };
      })
      .immediate();
  }

  /**
   * A QUEUED job ends ABORTED at once; a RUNNING one is marked for the dispatcher to kill. Aborting an
   * ABORTED job again changes nothing; any other final state is reported, unchanged.
   */
  abort(id: string, now = new Date()): AbortOutcome | undefined {
    return this.db
      .transaction((): AbortOutcome | undefined => {
        const job = this.find(id);
        if (!job) return undefined;
        if (job.status === 'ABORTED') return { outcome: 'already-aborted', job };
        if (job.status === 'QUEUED') {
          prepared(
            this.db,
            `UPDATE batch_jobs SET status = 'ABORTED', abort_requested = 1, reason = 'Aborted',
                 finished_at = ?, not_before = NULL WHERE id = ? AND status = 'QUEUED'`,
          ).run(now.toISOString(), id);
          return { outcome: 'aborted', job: this.find(id) as JobRecord };
        }
        if (job.status === 'RUNNING') {
          prepared(this.db, 'UPDATE batch_jobs SET abort_requested = 1 WHERE id = ?').run(id);
          return { outcome: 'abort-requested', job: this.find(id) as JobRecord };
        }
        return { outcome: 'finished', job };
      })
      .immediate();
  }

  /** The pod's QUEUED jobs, in no particular order (see dispatchOrder). */
  queued(pod: string): JobRecord[] {
    const rows = prepared(this.db, "SELECT * FROM batch_jobs WHERE pod = ? AND status = 'QUEUED'").all(
      pod,
    ) as JobRow[];
    return rows.map(toJobRecord);
  }

  /** QUEUED and RUNNING jobs of the pod, counted per array (null: not in one) and status. */
  activeCounts(pod: string): ActiveJobCount[] {
    return prepared(
      this.db,
      `SELECT array_id AS array, array_parallelism AS parallelism, status, COUNT(*) AS n FROM batch_jobs
         WHERE pod = ? AND status IN ('QUEUED', 'RUNNING') GROUP BY array_id, array_parallelism, status`,
    ).all(pod) as ActiveJobCount[];
  }

  /** RUNNING tasks per array id, for the parallelism limit. */
  runningByArray(pod: string): Map<string, number> {
    const rows = prepared(
      this.db,
      `SELECT array_id, COUNT(*) AS n FROM batch_jobs
         WHERE pod = ? AND status = 'RUNNING' AND array_id IS NOT NULL GROUP BY array_id`,
    ).all(pod) as { array_id: string; n: number }[];
    return new Map(rows.map((row) => [row.array_id, row.n]));
  }

  /** Every RUNNING job, the oldest start first: the attempts the dispatcher follows. */
  running(): JobRecord[] {
    const rows = prepared(
      this.db,
      "SELECT * FROM batch_jobs WHERE status = 'RUNNING' ORDER BY started_at, id",
    ).all() as JobRow[];
    return rows.map(toJobRecord);
  }

  /** The pods with at least one QUEUED job. */
  podsWithQueued(): string[] {
    const rows = prepared(
      this.db,
      "SELECT DISTINCT pod FROM batch_jobs WHERE status = 'QUEUED' ORDER BY pod",
    ).all() as { pod: string }[];
    return rows.map((row) => row.pod);
  }

  /** RUNNING jobs per node, for the free slots. */
  runningByNode(pod: string): Map<string, number> {
    const rows = prepared(
      this.db,
      `SELECT node, COUNT(*) AS n FROM batch_jobs WHERE pod = ? AND status = 'RUNNING' AND node IS NOT NULL
         GROUP BY node`,
    ).all(pod) as { node: string; n: number }[];
    return new Map(rows.map((row) => [row.node, row.n]));
  }

  runningOnNode(node: string): JobRecord[] {
    const rows = prepared(this.db, "SELECT * FROM batch_jobs WHERE node = ? AND status = 'RUNNING'").all(
      node,
    ) as JobRow[];
    return rows.map(toJobRecord);
  }

  /**
   * QUEUED -> RUNNING on the node as a new attempt with a new id; undefined (and nothing changes) when
   * the job is no longer QUEUED, so two dispatchers never start the same job. `agent` runs the node.
   */
  startAttempt(
    id: string,
    node: string,
    now = new Date(),
    agent: string | null = null,
  ): JobRecord | undefined {
    return this.db
      .transaction((): JobRecord | undefined => {
        const job = this.find(id);
        if (!job || job.status !== 'QUEUED') return undefined;
        const number = job.attempt + 1;
        const attemptId = newAttemptId(id, number);
        const at = now.toISOString();
        prepared(
          this.db,
          `INSERT INTO batch_job_attempts (id, job_id, number, node, agent, started_at)
             VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(attemptId, id, number, node, agent, at);
        prepared(
          this.db,
          `UPDATE batch_jobs SET status = 'RUNNING', node = ?, attempt = ?, attempt_id = ?, started_at = ?,
               finished_at = NULL, exit_code = NULL, signal = NULL, reason = NULL, duration_ms = NULL,
               not_before = NULL
             WHERE id = ? AND status = 'QUEUED'`,
        ).run(node, number, attemptId, at, id);
        return this.find(id);
      })
      .immediate();
  }

  /** Ends the current attempt, final or back to the queue; a report naming any other attempt is ignored. */
  endAttempt(id: string, end: AttemptEnd, now = new Date()): EndOutcome {
    return this.db
      .transaction((): EndOutcome => {
        const job = this.find(id);
        if (!job) return { applied: false, why: 'unknown-job' };
        const decision = judgeReport(job, end);
        if (!decision.apply) return { applied: false, why: decision.why, job };
        const at = now.toISOString();
        const durationMs = job.startedAt === null ? null : now.getTime() - Date.parse(job.startedAt);
        const [exitCode, signal, reason] = [end.exitCode ?? null, end.signal ?? null, end.reason ?? null];
        prepared(
          this.db,
          `UPDATE batch_job_attempts SET finished_at = ?, exit_code = ?, signal = ?, reason = ?
             WHERE id = ? AND finished_at IS NULL`,
        ).run(at, exitCode, signal, reason, end.attemptId);
        // An abort asked for while it ran wins over a requeue: the job must not run again.
        const aborted = decision.status === 'QUEUED' && job.abortRequested;
        const status = aborted ? 'ABORTED' : decision.status;
        const requeued = status === 'QUEUED';
        prepared(
          this.db,
          `UPDATE batch_jobs SET status = ?, exit_code = ?, signal = ?, reason = ?, duration_ms = ?,
               finished_at = ?, queued_at = ?, not_before = ?, node = ?
             WHERE id = ? AND attempt_id = ?`,
        ).run(
          status,
          exitCode,
          signal,
          aborted ? 'Aborted' : reason,
          durationMs,
          requeued ? null : at,
          requeued ? at : job.queuedAt,
          requeued ? (end.notBefore?.toISOString() ?? null) : null,
          requeued ? null : job.node,
          id,
          end.attemptId,
        );
        return { applied: true, job: this.find(id) as JobRecord };
      })
      .immediate();
  }

  /**
   * The nodes any attempt was ever recorded on. An attempt starts on an agent only once the store has it,
   * so a node not named here runs none (the sweeper need not ask its agent).
   */
  nodesWithAttempts(): Set<string> {
    const rows = prepared(this.db, 'SELECT DISTINCT node FROM batch_job_attempts').all() as {
      node: string;
    }[];
    return new Set(rows.map((row) => row.node));
  }

  attempts(id: string): AttemptRecord[] {
    const rows = prepared(this.db, 'SELECT * FROM batch_job_attempts WHERE job_id = ? ORDER BY number').all(
      id,
    ) as AttemptRow[];
    return rows.map(toAttemptRecord);
  }

  /** The attempts of each of the jobs, oldest first, in one query; a job never started has none. */
  attemptsOf(ids: readonly string[]): Map<string, AttemptRecord[]> {
    const byJob = new Map<string, AttemptRecord[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byJob;
    const rows = prepared(
      this.db,
      `SELECT * FROM batch_job_attempts WHERE job_id IN (SELECT value FROM json_each(?))
         ORDER BY job_id, number`,
    ).all(JSON.stringify(ids)) as AttemptRow[];
    for (const row of rows) byJob.get(row.job_id)?.push(toAttemptRecord(row));
    return byJob;
  }
}
