import type { JobEndReason, RetryPolicy, RetryRule } from '@strato/contracts';

/** How an attempt that did not succeed ended: its exit code, or the signal that killed it, and why. */
export interface AttemptFailure {
  exitCode: number | null;
  signal: string | null;
  reason: JobEndReason | null;
}

export type RetryDecision =
  | { action: 'retry'; delayMs: number; nextAttempt: number }
  | { action: 'fail'; why: string };

const matches = (rule: RetryRule, failure: AttemptFailure): boolean =>
  (failure.exitCode !== null && (rule.onExitCodes?.includes(failure.exitCode) ?? false)) ||
  (failure.reason !== null && (rule.onReasons?.includes(failure.reason) ?? false));

/** Exponential: base × 2^(retry - 1), capped (client-go's ItemExponentialFailureRateLimiter). */
export function backoffDelayMs(policy: RetryPolicy, retry: number): number {
  // 2^40 ms is decades: past it the cap holds anyway, and the power would overflow to Infinity.
  const factor = 2 ** Math.min(retry - 1, 40);
  return Math.min(policy.backoffMaxMs, policy.backoffBaseMs * factor);
}

/**
 * Whether the attempt numbered `attempt` (1-based) that failed is followed by another. The first matching
 * rule decides (AWS Batch `evaluateOnExit`); with none, a failure is retried but a timeout is not; an
 * abort never is. A retry still needs retries left: attempts are at most 1 + maxRetries.
 */
export function decideRetry(policy: RetryPolicy, attempt: number, failure: AttemptFailure): RetryDecision {
  if (failure.reason === 'Aborted') return { action: 'fail', why: 'aborted' };
  const rule = policy.rules.find((r) => matches(r, failure));
  if (rule?.action === 'FailJob')
    return { action: 'fail', why: `a rule fails the job on ${describe(failure)}` };
  if (!rule && failure.reason === 'Timeout') return { action: 'fail', why: 'timed out' };
  if (attempt > policy.maxRetries)
    return { action: 'fail', why: `no retries left (${policy.maxRetries} allowed)` };
  return { action: 'retry', delayMs: backoffDelayMs(policy, attempt), nextAttempt: attempt + 1 };
}

function describe(failure: AttemptFailure): string {
  if (failure.reason !== null && failure.exitCode === null) return failure.reason;
  return failure.exitCode !== null ? `exit code ${failure.exitCode}` : `signal ${failure.signal}`;
}
