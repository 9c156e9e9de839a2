/**
 * Batch jobs: submitted by the owner, queued per pod, run on one of its nodes until they end. Not the
 * request jobs (`GET /light`) the load balancer sends, which answer at once (see job.ts).
 */
export const BATCH_JOB_STATUSES = [
  'QUEUED',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'ABORTED',
  'TIMED_OUT',
] as const;
export type BatchJobStatus = (typeof BATCH_JOB_STATUSES)[number];

export const FINAL_BATCH_JOB_STATUSES = ['SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT'] as const;
export type FinalBatchJobStatus = (typeof FINAL_BATCH_JOB_STATUSES)[number];

export const isFinalBatchJobStatus = (status: BatchJobStatus): status is FinalBatchJobStatus =>
  (FINAL_BATCH_JOB_STATUSES as readonly string[]).includes(status);

export const SCRIPT_INTERPRETERS = ['sh', 'node', 'python'] as const;
export type ScriptInterpreter = (typeof SCRIPT_INTERPRETERS)[number];

/** Largest script source accepted, in UTF-8 bytes. */
export const MAX_SCRIPT_BYTES = 256 * 1024;

/** Set in every attempt's environment; the names are reserved (a job's env may not set STRATO_*). */
export const JOB_INDEX_ENV = 'STRATO_JOB_INDEX';
export const JOB_ATTEMPT_ENV = 'STRATO_JOB_ATTEMPT';
export const RESERVED_ENV_PREFIX = 'STRATO_';

/** Why an attempt ended other than by its own exit code; retry rules match on these. */
export const JOB_END_REASONS = ['NodeLost', 'OOMKilled', 'Timeout', 'Aborted', 'StartFailed'] as const;
export type JobEndReason = (typeof JOB_END_REASONS)[number];

/** What a retry rule does when it matches (first match wins), after Kubernetes `podFailurePolicy`. */
export const RETRY_ACTIONS = ['Retry', 'FailJob'] as const;
export type RetryAction = (typeof RETRY_ACTIONS)[number];

export interface RetryRule {
  onExitCodes?: number[];
  onReasons?: JobEndReason[];
  action: RetryAction;
}

export interface RetryPolicy {
  /** Attempts after the first; 0: never retried. */
  maxRetries: number;
  /** Delay before retry n (1-based) is backoffBaseMs × 2^(n-1), at most backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  rules: RetryRule[];
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 2,
  backoffBaseMs: 1000,
  backoffMaxMs: 60_000,
  rules: [],
});

export const DEFAULT_JOB_TIMEOUT_S = 3600;
export const MAX_JOB_TIMEOUT_S = 7 * 24 * 3600;
export const MAX_ARRAY_COUNT = 1000;

export interface WorkloadJobSpec {
  kind: 'workload';
  workload: string;
  params: Record<string, number>;
}

export interface ScriptJobSpec {
  kind: 'script';
  interpreter: ScriptInterpreter;
  source: string;
  args: string[];
  env: Record<string, string>;
}

export type BatchJobSpec = WorkloadJobSpec | ScriptJobSpec;

/** Where a task of an array job sits: N tasks share the array id, each with its index 0..N-1. */
export interface BatchJobArray {
  id: string;
  index: number;
  count: number;
  /** Most tasks of the array running at once. */
  parallelism: number;
}

/** A script as the API shows it: the source itself is left out of listings (it may be 256 KiB). */
export interface ScriptSummary {
  interpreter: ScriptInterpreter;
  sourceBytes: number;
  args: string[];
  env: Record<string, string>;
}

/** One attempt of a batch job: where it ran and how it ended (all null while it runs). */
export interface BatchJobAttemptView {
  /** 1-based. */
  attempt: number;
  node: string;
  /** The agent that ran the node; null when not recorded (attempts from before it was kept). */
  agent: string | null;
  startedAt: string;
  endedAt: string | null;
  exitCode: number | null;
  signal: string | null;
  /** Why it ended or was requeued, when not by its exit code alone (NodeLost, Timeout…). */
  reason: string | null;
}

/** A batch job as the manager's API shows it (`GET /api/v1/jobs`). */
export interface BatchJobView {
  id: string;
  pod: string;
  workload: { name: string; params: Record<string, number> } | null;
  script: ScriptSummary | null;
  timeoutS: number;
  priority: number;
  retry: RetryPolicy;
  array: BatchJobArray | null;
  status: BatchJobStatus;
  /** RUNNING and asked to stop: the dispatcher kills it, then it is ABORTED. */
  abortRequested: boolean;
  node: string | null;
  /** Attempts started so far (0 while never started); the current one is this number. */
  attempt: number;
  exitCode: number | null;
  signal: string | null;
  reason: string | null;
  submittedAt: string;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Run time of the last attempt, once it ended. */
  durationMs: number | null;
  /** Every attempt started, the oldest first. */
  attempts: BatchJobAttemptView[];
}
