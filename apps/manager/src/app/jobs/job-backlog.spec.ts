import { backlogOf } from './job-backlog';

describe('backlogOf', () => {
  it('counts every running job, every queued single job, and array tasks up to their parallelism', () => {
    expect(
      backlogOf([
        { array: null, parallelism: null, status: 'RUNNING', n: 2 },
        { array: null, parallelism: null, status: 'QUEUED', n: 3 },
        // 1 of 4 running: 3 more may start, the other 7 wait for them.
        { array: 'job-a', parallelism: 4, status: 'RUNNING', n: 1 },
        { array: 'job-a', parallelism: 4, status: 'QUEUED', n: 10 },
        // At its parallelism: none of its queued tasks may start.
        { array: 'job-b', parallelism: 2, status: 'RUNNING', n: 2 },
        { array: 'job-b', parallelism: 2, status: 'QUEUED', n: 5 },
      ]),
    ).toEqual({ running: 5, startable: 6, heldBack: 12 });
  });

  it('is empty for a pod with no active job', () => {
    expect(backlogOf([])).toEqual({ running: 0, startable: 0, heldBack: 0 });
  });
});
