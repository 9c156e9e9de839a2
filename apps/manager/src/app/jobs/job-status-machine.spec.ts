import { BATCH_JOB_STATUSES, type BatchJobStatus } from '@strato/contracts';
import { canTransition, judgeReport } from './job-status-machine';

describe('the job status machine', () => {
  it.each<[BatchJobStatus, BatchJobStatus[]]>([
    ['QUEUED', ['RUNNING', 'ABORTED', 'FAILED']],
    ['RUNNING', ['QUEUED', 'SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT']],
    ['SUCCEEDED', []],
    ['FAILED', []],
    ['ABORTED', []],
    ['TIMED_OUT', []],
  ])('lets %s go only to %j', (from, allowed) => {
    const reached = BATCH_JOB_STATUSES.filter((to) => canTransition(from, to));
    expect([...reached].sort()).toEqual([...allowed].sort());
  });

  const running = { status: 'RUNNING' as const, attemptId: 'a2' };

  it('lets the current attempt end the job or requeue it', () => {
    expect(judgeReport(running, { attemptId: 'a2', status: 'SUCCEEDED' })).toEqual({
      apply: true,
      status: 'SUCCEEDED',
    });
    expect(judgeReport(running, { attemptId: 'a2', status: 'QUEUED' })).toEqual({
      apply: true,
      status: 'QUEUED',
    });
  });

  it('ignores a report naming an earlier attempt', () => {
    expect(judgeReport(running, { attemptId: 'a1', status: 'FAILED' })).toEqual({
      apply: false,
      why: 'stale-attempt',
    });
  });

  it('keeps a final state: a second report of an end is a no-op, whoever sends it', () => {
    for (const status of ['SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT'] as const) {
      const ended = { status, attemptId: 'a2' };
      expect(judgeReport(ended, { attemptId: 'a2', status: 'FAILED' })).toEqual({
        apply: false,
        why: 'already-final',
      });
      expect(judgeReport(ended, { attemptId: 'a2', status: 'QUEUED' }).apply).toBe(false);
    }
  });

  it('refuses an end for a job that is not running (queued again, its attempt gone)', () => {
    expect(
      judgeReport({ status: 'QUEUED', attemptId: 'a2' }, { attemptId: 'a2', status: 'SUCCEEDED' }),
    ).toEqual({
      apply: false,
      why: 'not-running',
    });
  });
});
