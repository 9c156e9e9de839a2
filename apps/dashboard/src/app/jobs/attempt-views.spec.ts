import { aJob } from '../../testing/job-fixtures';
import { attemptsToRead, attemptViews } from './attempt-views';

const ended = (number: number, node: string) => ({ number, node, exitCode: 1, signal: null, reason: null });

describe('attempt views', () => {
  it('takes the last attempt from the job when it is running or ended there', () => {
    const running = aJob({ id: 'j', status: 'RUNNING', attempt: 2, node: 'n2', exitCode: null });

    expect(attemptsToRead(running)).toEqual([1]);
    expect(attemptViews(running, new Map([[1, ended(1, 'n1')]]))).toEqual([
      { number: 1, node: 'n1', state: 'ended', exitCode: 1, signal: null, reason: null },
      { number: 2, node: 'n2', state: 'running', exitCode: null, signal: null, reason: null },
    ]);
  });

  it('asks how the last attempt ended when the job was requeued after it (the manager cleared its node)', () => {
    const requeued = aJob({ id: 'j', status: 'QUEUED', attempt: 2, node: null, exitCode: 1 });

    expect(attemptsToRead(requeued)).toEqual([1, 2]);
    expect(attemptViews(requeued, new Map([[1, ended(1, 'n1')]])).map((view) => view.state)).toEqual([
      'ended',
      'unknown',
    ]);
  });

  it('has none for a job that never started', () => {
    const queued = aJob({ id: 'j', status: 'QUEUED', attempt: 0, node: null });

    expect(attemptsToRead(queued)).toEqual([]);
    expect(attemptViews(queued, new Map())).toEqual([]);
  });
});
