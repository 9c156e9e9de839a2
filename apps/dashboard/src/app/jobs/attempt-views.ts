import type { Job } from '@strato/api-client';
import type { AttemptEnd } from '../api/job-log-events';

/** One attempt of a job as its page lists it. */
export interface AttemptView {
  readonly number: number;
  /** Null while an ended attempt is still being read, or could not be. */
  readonly node: string | null;
  readonly state: 'running' | 'ended' | 'unknown';
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly reason: string | null;
}

/**
 * Whether the job's own node and end are its last attempt's. Not when it was requeued (the manager
 * clears the node until the next start) nor aborted while queued after that (the reason is the abort's).
 */
function describesLastAttempt(job: Job): boolean {
  return job.attempt > 0 && job.status !== 'QUEUED' && job.node !== null;
}

/** The attempts whose end must be asked for: all but the last, and the last when the job does not tell it. */
export function attemptsToRead(job: Job): number[] {
  const last = describesLastAttempt(job) ? job.attempt - 1 : job.attempt;
  return Array.from({ length: Math.max(0, last) }, (_, index) => index + 1);
}

/** Attempts 1..n, from `ended` (as read; null: it could not be told) and, for the last, the job itself. */
export function attemptViews(job: Job, ended: ReadonlyMap<number, AttemptEnd | null>): AttemptView[] {
  const views = attemptsToRead(job).map((number): AttemptView => {
    const end = ended.get(number);
    return end
      ? {
          number,
          node: end.node,
          state: 'ended',
          exitCode: end.exitCode,
          signal: end.signal,
          reason: end.reason,
        }
      : { number, node: null, state: 'unknown', exitCode: null, signal: null, reason: null };
  });
  if (describesLastAttempt(job)) {
    views.push({
      number: job.attempt,
      node: job.node,
      state: job.status === 'RUNNING' ? 'running' : 'ended',
      exitCode: job.exitCode,
      signal: job.signal,
      reason: job.reason,
    });
  }
  return views;
}
