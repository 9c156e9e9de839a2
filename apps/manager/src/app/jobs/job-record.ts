import type {
  BatchJobArray,
  BatchJobSpec,
  BatchJobStatus,
  BatchJobView,
  RetryPolicy,
} from '@strato/contracts';

/** A batch job as the store keeps it: what the API shows, plus the full spec and the dispatch state. */
export interface JobRecord extends Omit<BatchJobView, 'workload' | 'script' | 'attempts'> {
  spec: BatchJobSpec;
  /** The current attempt's id, which alone may end it; null before the first start. */
  attemptId: string | null;
  /** Not dispatched before this time (a retry's backoff); null: at once. */
  notBefore: string | null;
}

/** A job as submitted, before the store gives it a status. */
export interface NewJob {
  id: string;
  pod: string;
  spec: BatchJobSpec;
  timeoutS: number;
  priority: number;
  retry: RetryPolicy;
  array: BatchJobArray | null;
}

export interface AttemptRecord {
  id: string;
  jobId: string;
  number: number;
  node: string;
  /** Null for attempts started before the store kept it. */
  agent: string | null;
  startedAt: string;
  finishedAt: string | null;
  exitCode: number | null;
  signal: string | null;
  reason: string | null;
}

export interface JobRow {
  id: string;
  pod: string;
  spec: string;
  timeout_s: number;
  retry_policy: string;
  priority: number;
  array_id: string | null;
  array_index: number | null;
  array_count: number | null;
  array_parallelism: number | null;
  status: BatchJobStatus;
  abort_requested: number;
  node: string | null;
  attempt: number;
  attempt_id: string | null;
  exit_code: number | null;
  signal: string | null;
  reason: string | null;
  submitted_at: string;
  queued_at: string;
  not_before: string | null;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

export interface AttemptRow {
  id: string;
  job_id: string;
  number: number;
  node: string;
  agent: string | null;
  started_at: string;
  finished_at: string | null;
  exit_code: number | null;
  signal: string | null;
  reason: string | null;
}

export const toJobRecord = (row: JobRow): JobRecord => ({
  id: row.id,
  pod: row.pod,
  spec: JSON.parse(row.spec) as BatchJobSpec,
  timeoutS: row.timeout_s,
  priority: row.priority,
  retry: JSON.parse(row.retry_policy) as RetryPolicy,
  array:
    row.array_id === null
      ? null
      : {
          id: row.array_id,
          index: row.array_index ?? 0,
          count: row.array_count ?? 1,
          parallelism: row.array_parallelism ?? 1,
        },
  status: row.status,
  abortRequested: row.abort_requested === 1,
  node: row.node,
  attempt: row.attempt,
  attemptId: row.attempt_id,
  exitCode: row.exit_code,
  signal: row.signal,
  reason: row.reason,
  submittedAt: row.submitted_at,
  queuedAt: row.queued_at,
  notBefore: row.not_before,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  durationMs: row.duration_ms,
});

export const toAttemptRecord = (row: AttemptRow): AttemptRecord => ({
  id: row.id,
  jobId: row.job_id,
  number: row.number,
  node: row.node,
  agent: row.agent,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  exitCode: row.exit_code,
  signal: row.signal,
  reason: row.reason,
});
