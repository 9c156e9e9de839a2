import { compareQueued, dispatchOrder, type QueuedJob } from './queue-order';

const job = (id: string, change: Partial<QueuedJob> = {}): QueuedJob => ({
  id,
  priority: 0,
  submittedAt: '2026-01-01T00:00:00.000Z',
  notBefore: null,
  array: null,
  ...change,
});
const ids = (jobs: QueuedJob[]) => jobs.map((j) => j.id);
const NOW = new Date('2026-01-01T00:01:00.000Z');

describe('the queue order', () => {
  it('runs higher priority first, then the earlier submit, then by id', () => {
    const jobs = [
      job('c', { submittedAt: '2026-01-01T00:00:02.000Z' }),
      job('b', { submittedAt: '2026-01-01T00:00:01.000Z' }),
      job('z', { priority: 5, submittedAt: '2026-01-01T00:00:09.000Z' }),
      job('a', { submittedAt: '2026-01-01T00:00:01.000Z' }),
      job('low', { priority: -1 }),
    ];
    expect(ids([...jobs].sort(compareQueued))).toEqual(['z', 'a', 'b', 'c', 'low']);
  });

  it('holds a job in its backoff back until its time, without losing its place', () => {
    const jobs = [
      job('waiting', { notBefore: '2026-01-01T00:01:00.001Z' }),
      job('next', { submittedAt: '2026-01-01T00:00:05.000Z' }),
    ];
    expect(ids(dispatchOrder(jobs, NOW, new Map()))).toEqual(['next']);
    expect(ids(dispatchOrder(jobs, new Date('2026-01-01T00:01:01.000Z'), new Map()))).toEqual([
      'waiting',
      'next',
    ]);
  });

  it("starts no more of an array's tasks than its parallelism, counting the running ones", () => {
    const array = { id: 'arr', parallelism: 2 };
    const tasks = ['arr-0', 'arr-1', 'arr-2', 'arr-3'].map((id) => job(id, { array }));
    expect(ids(dispatchOrder([...tasks, job('solo')], NOW, new Map()))).toEqual(['arr-0', 'arr-1', 'solo']);
    expect(ids(dispatchOrder(tasks, NOW, new Map([['arr', 1]])))).toEqual(['arr-0']);
    expect(ids(dispatchOrder(tasks, NOW, new Map([['arr', 2]])))).toEqual([]);
  });
});
