import type { AgentJobAttemptView, FinalBatchJobStatus, JobEndReason, RetryPolicy } from '@strato/contracts';
import { decideRetry } from '../retry-decision';

/** How an attempt ended, as the dispatcher saw it. */
export interface AttemptExit {
  exitCode: number | null;
  signal: string | null;
  /** Why, other than its own exit code; null: it exited by itself. */
  reason: JobEndReason | null;
}

/** What becomes of the job: a final state, or back to the queue until `notBefore`. */
export type AttemptVerdict =
  | { status: FinalBatchJobStatus; why: string }
  | { status: 'QUEUED'; notBefore: Date; delayMs: number; why: string };

/**
 * An exited attempt as the agent reports it. A kill is the dispatcher's (abort, or the owner forcing a
 * node out while it ran): with an abort asked for, Aborted; otherwise the job lost its node.
 */
export function exitOf(view: AgentJobAttemptView, abortRequested: boolean): AttemptExit {
  const reason: JobEndReason | null = view.timedOut
    ? 'Timeout'
    : view.oomKilled
      ? 'OOMKilled'
      : view.killed
        ? abortRequested
          ? 'Aborted'
          : 'NodeLost'
        : null;
  return { exitCode: view.exitCode, signal: view.signal, reason };
}

/** Success is exit code 0 by itself; anything else goes by the retry policy (attempt: the one that ended). */
export function verdictOf(
  exit: AttemptExit,
  policy: RetryPolicy,
  attempt: number,
  now: Date,
): AttemptVerdict {
  if (exit.reason === null && exit.exitCode === 0) return { status: 'SUCCEEDED', why: 'exit code 0' };
  if (exit.reason === 'Aborted') return { status: 'ABORTED', why: 'aborted by the owner' };
  const decision = decideRetry(policy, attempt, exit);
  if (decision.action === 'retry')
    return {
      status: 'QUEUED',
      notBefore: new Date(now.getTime() + decision.delayMs),
      delayMs: decision.delayMs,
      why: `attempt ${decision.nextAttempt} of at most ${policy.maxRetries + 1}`,
    };
  return { status: exit.reason === 'Timeout' ? 'TIMED_OUT' : 'FAILED', why: decision.why };
}

/** "exit code 3", "signal SIGKILL", "Timeout (signal SIGTERM)": how an attempt ended, for messages. */
export function describeExit(exit: AttemptExit): string {
  const how =
    exit.exitCode !== null
      ? `exit code ${exit.exitCode}`
      : exit.signal !== null
        ? `signal ${exit.signal}`
        : '';
  if (exit.reason === null) return how || 'no exit code';
  return how ? `${exit.reason} (${how})` : exit.reason;
}
