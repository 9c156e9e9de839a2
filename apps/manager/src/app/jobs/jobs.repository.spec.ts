import { DEFAULT_RETRY_POLICY } from '@strato/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../store/database';
import type { NewJob } from './job-record';
import { JobsRepository } from './jobs.repository';

const newJob = (id: string, change: Partial<NewJob> = {}): NewJob => ({
  id,
  pod: 'light',
  spec: { kind: 'script', interpreter: 'sh', source: 'exit 0', args: ['a'], env: { A: '1' } },
  timeoutS: 60,
  priority: 0,
  retry: { ...DEFAULT_RETRY_POLICY, rules: [{ onExitCodes: [2], action: 'FailJob' }] },
  array: null,
  ...change,
});

describe('JobsRepository (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strato-jobs-'));
  let db: Db;
  let jobs: JobsRepository;
  let file: string;
  let n = 0;

  beforeEach(() => {
    file = join(dir, `jobs-${n++}.db`);
    db = openDatabase(file);
    jobs = new JobsRepository(db);
  });
  afterEach(() => db.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const queue = (...list: NewJob[]) => {
    const outcome = jobs.insertQueued(list, 1000);
    if (!outcome.inserted) throw new Error(outcome.why);
    return outcome.jobs;
  };

  it('keeps a queued job, spec and policy included, across a reopening', () => {
    const [queued] = queue(newJob('job-1', { priority: 7 }));
    expect(queued).toMatchObject({ id: 'job-1', status: 'QUEUED', attempt: 0, attemptId: null, priority: 7 });
    db.close();
    db = openDatabase(file);
    jobs = new JobsRepository(db);
    expect(jobs.find('job-1')).toEqual(queued);
    expect(jobs.find('job-1')?.spec).toEqual(newJob('x').spec);
  });

  it('refuses a batch that would pass the pod queue limit, inserting none of it', () => {
    expect(jobs.insertQueued([newJob('a'), newJob('b')], 2).inserted).toBe(true);
    expect(jobs.insertQueued([newJob('c'), newJob('d', { pod: 'heavy' })], 2)).toEqual({
      inserted: false,
      why: 'queue-full',
      queued: 2,
    });
    expect(jobs.find('d')).toBeUndefined();
    expect(jobs.insertQueued([newJob('a', { pod: 'heavy' })], 10)).toEqual({
      inserted: false,
      why: 'id-taken',
    });
    expect(jobs.countQueued('light')).toBe(2);
  });

  it('starts a queued job once: a second start of the same job changes nothing', () => {
    queue(newJob('j'));
    const started = jobs.startAttempt('j', 'n1', new Date('2026-01-01T00:00:00Z'));
    expect(started).toMatchObject({
      status: 'RUNNING',
      node: 'n1',
      attempt: 1,
      startedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(jobs.startAttempt('j', 'n2')).toBeUndefined();
    expect(jobs.attempts('j')).toEqual([
      expect.objectContaining({ id: started?.attemptId, number: 1, node: 'n1', finishedAt: null }),
    ]);
  });

  it('lets only the current attempt end the job, and a final state stays final', () => {
    queue(newJob('j'));
    const first = jobs.startAttempt('j', 'n1', new Date('2026-01-01T00:00:00Z'))?.attemptId as string;
    const requeued = jobs.endAttempt(
      'j',
      { attemptId: first, status: 'QUEUED', reason: 'NodeLost', notBefore: new Date('2026-01-01T00:00:03Z') },
      new Date('2026-01-01T00:00:01Z'),
    );
    expect(requeued).toMatchObject({
      applied: true,
      job: { status: 'QUEUED', reason: 'NodeLost', notBefore: '2026-01-01T00:00:03.000Z', node: null },
    });
    const second = jobs.startAttempt('j', 'n2', new Date('2026-01-01T00:00:04Z'), 'agent-b')
      ?.attemptId as string;
    expect(second).not.toBe(first);

    expect(jobs.endAttempt('j', { attemptId: first, status: 'SUCCEEDED', exitCode: 0 })).toMatchObject({
      applied: false,
      why: 'stale-attempt',
    });
    const done = jobs.endAttempt(
      'j',
      { attemptId: second, status: 'FAILED', exitCode: 3 },
      new Date('2026-01-01T00:00:06Z'),
    );
    expect(done).toMatchObject({
      applied: true,
      job: {
        status: 'FAILED',
        exitCode: 3,
        attempt: 2,
        node: 'n2',
        durationMs: 2000,
        finishedAt: '2026-01-01T00:00:06.000Z',
      },
    });
    expect(jobs.endAttempt('j', { attemptId: second, status: 'SUCCEEDED', exitCode: 0 })).toMatchObject({
      applied: false,
      why: 'already-final',
      job: { status: 'FAILED' },
    });
    expect(jobs.attempts('j').map((a) => [a.number, a.node, a.agent, a.reason, a.exitCode])).toEqual([
      [1, 'n1', null, 'NodeLost', null],
      [2, 'n2', 'agent-b', null, 3],
    ]);
  });

  it('aborts a queued job at once, marks a running one, and answers a finished one with its state', () => {
    queue(newJob('q'), newJob('r'), newJob('s'));
    expect(jobs.abort('q')).toMatchObject({
      outcome: 'aborted',
      job: { status: 'ABORTED', reason: 'Aborted' },
    });
    expect(jobs.abort('q')).toMatchObject({ outcome: 'already-aborted', job: { status: 'ABORTED' } });

    const attemptId = jobs.startAttempt('r', 'n1')?.attemptId as string;
    expect(jobs.abort('r')).toMatchObject({
      outcome: 'abort-requested',
      job: { status: 'RUNNING', abortRequested: true },
    });
    // A requeue after the abort was asked for ends it ABORTED instead: it must not run again.
    expect(jobs.endAttempt('r', { attemptId, status: 'QUEUED', reason: 'NodeLost' })).toMatchObject({
      applied: true,
      job: { status: 'ABORTED', reason: 'Aborted' },
    });

    const sId = jobs.startAttempt('s', 'n1')?.attemptId as string;
    jobs.endAttempt('s', { attemptId: sId, status: 'SUCCEEDED', exitCode: 0 });
    expect(jobs.abort('s')).toMatchObject({ outcome: 'finished', job: { status: 'SUCCEEDED' } });
    expect(jobs.abort('nope')).toBeUndefined();
  });

  it("reads the attempts of a page of jobs in one query, each job's oldest first", () => {
    queue(newJob('a'), newJob('b'), newJob('never'));
    const first = jobs.startAttempt('a', 'n1', new Date('2026-01-01T00:00:00Z'), 'agent-a')?.attemptId;
    jobs.endAttempt('a', { attemptId: first as string, status: 'QUEUED', exitCode: 1 });
    jobs.startAttempt('a', 'n2', new Date('2026-01-01T00:00:02Z'), 'agent-a');
    jobs.startAttempt('b', 'n1', new Date('2026-01-01T00:00:01Z'), 'agent-a');
    const read = jest.spyOn(db, 'prepare');

    const attempts = jobs.attemptsOf(['a', 'b', 'never', 'unknown']);

    expect(read).toHaveBeenCalledTimes(1);
    expect([...attempts].map(([id, list]) => [id, list.map((a) => [a.number, a.node, a.exitCode])])).toEqual([
      [
        'a',
        [
          [1, 'n1', 1],
          [2, 'n2', null],
        ],
      ],
      ['b', [[1, 'n1', null]]],
      ['never', []],
      ['unknown', []],
    ]);
    expect(jobs.attemptsOf([])).toEqual(new Map());
  });

  it('lists by pod, node, status and array, newest first, an array in index order, paged', () => {
    const arrayOf = (index: number) => ({ id: 'arr', index, count: 3, parallelism: 2 });
    jobs.insertQueued([newJob('old')], 1000, new Date('2026-01-01T00:00:00Z'));
    jobs.insertQueued(
      [0, 1, 2].map((i) => newJob(`arr-${i}`, { pod: 'heavy', array: arrayOf(i) })),
      1000,
      new Date('2026-01-01T00:00:01Z'),
    );
    jobs.startAttempt('arr-1', 'n7');
    const page = (filter: object) => jobs.list({ limit: 10, offset: 0, ...filter }).map((j) => j.id);
    expect(page({})).toEqual(['arr-0', 'arr-1', 'arr-2', 'old']);
    expect(page({ limit: 2, offset: 1 })).toEqual(['arr-1', 'arr-2']);
    expect(page({ pod: 'light' })).toEqual(['old']);
    expect(page({ node: 'n7' })).toEqual(['arr-1']);
    expect(page({ status: 'QUEUED', array: 'arr' })).toEqual(['arr-0', 'arr-2']);
    expect(jobs.runningByArray('heavy')).toEqual(new Map([['arr', 1]]));
    expect(jobs.runningOnNode('n7').map((j) => j.id)).toEqual(['arr-1']);
    expect(
      jobs
        .queued('heavy')
        .map((j) => j.id)
        .sort(),
    ).toEqual(['arr-0', 'arr-2']);
  });
});
