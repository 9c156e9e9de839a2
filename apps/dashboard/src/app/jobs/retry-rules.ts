import type { Job } from '@strato/api-client';

type RetryRule = Job['retry']['rules'][number];

/** "exit 2, 3 → FailJob", "NodeLost or OOMKilled → Retry". */
export function describeRetryRule(rule: RetryRule): string {
  const matches = [
    rule.onExitCodes?.length ? `exit ${rule.onExitCodes.join(', ')}` : null,
    rule.onReasons?.length ? rule.onReasons.join(' or ') : null,
  ].filter((part): part is string => part !== null);
  return `${matches.join(' or ') || 'any end'} → ${rule.action}`;
}

/** "2 retries, backoff 1 s doubling to 60 s" (a timeout is not retried unless a rule says so). */
export function describeRetryPolicy(retry: Job['retry']): string {
  if (retry.maxRetries === 0) return 'never retried';
  const retries = `${retry.maxRetries} ${retry.maxRetries === 1 ? 'retry' : 'retries'}`;
  return `${retries}, backoff ${retry.backoffBaseMs / 1000} s doubling to ${retry.backoffMaxMs / 1000} s`;
}
