import { type BatchJobStatus, type FinalBatchJobStatus, isFinalBatchJobStatus } from '@strato/contracts';

const NEXT: Readonly<Record<BatchJobStatus, readonly BatchJobStatus[]>> = {
  // FAILED from QUEUED: the job can no longer run at all (its pod was removed).
  QUEUED: ['RUNNING', 'ABORTED', 'FAILED'],
  // QUEUED from RUNNING: a retry, or a requeue after the node was lost.
  RUNNING: ['SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT', 'QUEUED'],
  SUCCEEDED: [],
  FAILED: [],
  ABORTED: [],
  TIMED_OUT: [],
};

export const canTransition = (from: BatchJobStatus, to: BatchJobStatus): boolean => NEXT[from].includes(to);

/** What the store holds of a job that a report about one of its attempts is judged against. */
export interface JobAttemptState {
  status: BatchJobStatus;
  /** The current attempt's id; null before the first start. */
  attemptId: string | null;
}

/** An attempt's end as its agent (or the dispatcher) reports it: final, or back to the queue. */
export interface AttemptReport {
  attemptId: string;
  status: FinalBatchJobStatus | 'QUEUED';
}

export type ReportDecision =
  | { apply: true; status: FinalBatchJobStatus | 'QUEUED' }
  | { apply: false; why: 'already-final' | 'stale-attempt' | 'not-running' };

/**
 * Whether a report may change the job. Only the current attempt writes, so a late report from an
 * earlier attempt cannot end (or requeue) the one that replaced it; a final state is final, and a second
 * report of an end is a no-op rather than an error, since agents resend what they did not see acknowledged.
 */
export function judgeReport(job: JobAttemptState, report: AttemptReport): ReportDecision {
  if (isFinalBatchJobStatus(job.status)) return { apply: false, why: 'already-final' };
  if (job.attemptId !== report.attemptId) return { apply: false, why: 'stale-attempt' };
  if (!canTransition(job.status, report.status)) return { apply: false, why: 'not-running' };
  return { apply: true, status: report.status };
}
