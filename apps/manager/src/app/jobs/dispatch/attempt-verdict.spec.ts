import { type AgentJobAttemptView, DEFAULT_RETRY_POLICY, type RetryPolicy } from '@strato/contracts';
import { type AttemptExit, describeExit, exitOf, verdictOf } from './attempt-verdict';

const view = (change: Partial<AgentJobAttemptView>): AgentJobAttemptView => ({
  attemptId: 'job-1.1-abc',
  jobId: 'job-1',
  nodeId: 'n1',
  state: 'exited',
  startedAt: 0,
  finishedAt: 10,
  durationMs: 10,
  exitCode: 0,
  signal: null,
  oomKilled: false,
  timedOut: false,
  killed: false,
  stdoutBytes: 0,
  stderrBytes: 0,
  truncated: false,
  ...change,
});

describe('exitOf', () => {
  it.each<[string, Partial<AgentJobAttemptView>, boolean, AttemptExit['reason']]>([
    ['its own exit', { exitCode: 3 }, false, null],
    ['a timeout', { exitCode: null, signal: 'SIGTERM', timedOut: true }, false, 'Timeout'],
    ['an OOM kill', { exitCode: null, signal: 'SIGKILL', oomKilled: true }, false, 'OOMKilled'],
    ['a kill asked for by an abort', { exitCode: null, signal: 'SIGTERM', killed: true }, true, 'Aborted'],
    [
      'a kill with no abort (the node forced out)',
      { exitCode: null, signal: 'SIGTERM', killed: true },
      false,
      'NodeLost',
    ],
  ])('names %s', (_case, change, abortRequested, reason) => {
    expect(exitOf(view(change), abortRequested).reason).toBe(reason);
  });
});

describe('verdictOf', () => {
  const now = new Date('2026-12-01T12:00:00.000Z');
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, rules: [{ onExitCodes: [2], action: 'FailJob' }] };
  const exit = (exitCode: number | null, reason: AttemptExit['reason'] = null): AttemptExit => ({
    exitCode,
    signal: exitCode === null ? 'SIGKILL' : null,
    reason,
  });

  it.each<[string, AttemptExit, number, string]>([
    ['exit code 0', exit(0), 1, 'SUCCEEDED'],
    ['exit code 1 with retries left', exit(1), 1, 'QUEUED'],
    ['exit code 1 with none left', exit(1), 3, 'FAILED'],
    ['an exit code a FailJob rule names', exit(2), 1, 'FAILED'],
    ['a lost node', exit(null, 'NodeLost'), 1, 'QUEUED'],
    ['a timeout', exit(null, 'Timeout'), 1, 'TIMED_OUT'],
    ['an abort', exit(null, 'Aborted'), 1, 'ABORTED'],
  ])('%s -> %s', (_case, ended, attempt, status) => {
    expect(verdictOf(ended, policy, attempt, now).status).toBe(status);
  });

  it('requeues after the backoff of the retry it leads to', () => {
    expect(verdictOf(exit(1), policy, 2, now)).toEqual({
      status: 'QUEUED',
      notBefore: new Date('2026-12-01T12:00:02.000Z'),
      delayMs: 2000,
      why: 'attempt 3 of at most 3',
    });
  });

  it('describes an end for messages', () => {
    expect(describeExit(exit(3))).toBe('exit code 3');
    expect(describeExit(exit(null, 'Timeout'))).toBe('Timeout (signal SIGKILL)');
    expect(describeExit({ exitCode: null, signal: null, reason: 'NodeLost' })).toBe('NodeLost');
  });
});
