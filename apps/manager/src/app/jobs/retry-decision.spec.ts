import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '@strato/contracts';
import { type AttemptFailure, backoffDelayMs, decideRetry } from './retry-decision';

const policy = (change: Partial<RetryPolicy> = {}): RetryPolicy => ({ ...DEFAULT_RETRY_POLICY, ...change });
const exit = (exitCode: number): AttemptFailure => ({ exitCode, signal: null, reason: null });
const ended = (reason: AttemptFailure['reason'], signal: string | null = null): AttemptFailure => ({
  exitCode: null,
  signal,
  reason,
});

describe('the retry decision', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [6, 32_000],
    [7, 60_000],
    [1000, 60_000],
  ])('waits base × 2^(n-1), capped: retry %i after %i ms', (retry, delayMs) => {
    expect(backoffDelayMs(policy(), retry)).toBe(delayMs);
  });

  it('retries a failure while retries are left, then fails', () => {
    const p = policy({ maxRetries: 2 });
    expect(decideRetry(p, 1, exit(1))).toEqual({ action: 'retry', delayMs: 1000, nextAttempt: 2 });
    expect(decideRetry(p, 2, exit(1))).toEqual({ action: 'retry', delayMs: 2000, nextAttempt: 3 });
    expect(decideRetry(p, 3, exit(1))).toEqual({ action: 'fail', why: 'no retries left (2 allowed)' });
    expect(decideRetry(policy({ maxRetries: 0 }), 1, exit(1)).action).toBe('fail');
  });

  const rules = policy({
    maxRetries: 3,
    rules: [
      { onExitCodes: [2], action: 'FailJob' },
      { onReasons: ['NodeLost', 'OOMKilled'], action: 'Retry' },
    ],
  });

  it.each<[string, AttemptFailure, 'retry' | 'fail']>([
    ['exit code 2 (a FailJob rule)', exit(2), 'fail'],
    ['exit code 1 (no rule: retried)', exit(1), 'retry'],
    ['a lost node (a Retry rule)', ended('NodeLost'), 'retry'],
    ['an OOM kill (a Retry rule)', ended('OOMKilled', 'SIGKILL'), 'retry'],
    ['a timeout (no rule: not retried)', ended('Timeout', 'SIGKILL'), 'fail'],
    ['an abort (never retried)', ended('Aborted', 'SIGTERM'), 'fail'],
    ['a signal alone (no rule: retried)', { exitCode: null, signal: 'SIGSEGV', reason: null }, 'retry'],
  ])('decides on %s', (_, failure, action) => {
    expect(decideRetry(rules, 1, failure).action).toBe(action);
  });

  it('lets a rule retry a timeout, still within the limit', () => {
    const p = policy({ maxRetries: 1, rules: [{ onReasons: ['Timeout'], action: 'Retry' }] });
    expect(decideRetry(p, 1, ended('Timeout')).action).toBe('retry');
    expect(decideRetry(p, 2, ended('Timeout')).action).toBe('fail');
  });

  it('takes the first rule that matches', () => {
    const p = policy({
      rules: [
        { onExitCodes: [3], action: 'Retry' },
        { onExitCodes: [3], action: 'FailJob' },
      ],
    });
    expect(decideRetry(p, 1, exit(3)).action).toBe('retry');
    expect(decideRetry(p, 1, exit(3))).toMatchObject({ delayMs: 1000 });
    expect(decideRetry(policy({ rules: [{ onExitCodes: [2], action: 'FailJob' }] }), 1, exit(2))).toEqual({
      action: 'fail',
      why: 'a rule fails the job on exit code 2',
    });
  });
});
