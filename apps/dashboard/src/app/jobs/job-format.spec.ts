import { aJob } from '../../testing/job-fixtures';
import { endOf, formatDuration, jobWhat, runTime } from './job-format';

describe('job formats', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [12_345, '12.3 s'],
    [245_000, '4 min 5 s'],
    [7_800_000, '2 h 10 min'],
  ])('writes %i ms as %s', (ms, written) => {
    expect(formatDuration(ms)).toBe(written);
  });

  it.each([
    [{ exitCode: 0, signal: null, reason: null }, 'exit 0'],
    [{ exitCode: null, signal: 'SIGKILL', reason: null }, 'signal SIGKILL'],
    [{ exitCode: 137, signal: null, reason: 'OOMKilled' }, 'OOMKilled (exit 137)'],
    [{ exitCode: null, signal: null, reason: 'NodeLost' }, 'NodeLost'],
    [{ exitCode: null, signal: null, reason: null }, null],
  ])('tells how an attempt ended: %o is %s', (ended, told) => {
    expect(endOf(ended)).toBe(told);
  });

  it('names a workload with its parameters and a script by its interpreter and size', () => {
    expect(jobWhat(aJob({ id: 'a', workload: { name: 'heavy', params: { scale: 2, rounds: 3 } } }))).toBe(
      'heavy (scale 2, rounds 3)',
    );
    expect(
      jobWhat(
        aJob({
          id: 'b',
          workload: null,
          script: { interpreter: 'python', sourceBytes: 120, args: [], env: {} },
        }),
      ),
    ).toBe('python script (120 B)');
  });

  it('counts a running job’s time so far, and an ended one’s duration', () => {
    const running = aJob({
      id: 'a',
      status: 'RUNNING',
      durationMs: null,
      startedAt: '2026-01-01T10:00:00.000Z',
    });
    expect(runTime(running, Date.parse('2026-01-01T10:00:12.000Z'))).toBe('12.0 s so far');
    expect(runTime(aJob({ id: 'b', durationMs: 2500 }), 0)).toBe('2.5 s');
    expect(runTime(aJob({ id: 'c', status: 'QUEUED', durationMs: null, startedAt: null }), 0)).toBeNull();
  });
});
