import { anAttempt } from '../../testing/job-fixtures';
import { attemptViews } from './attempt-views';

const NOW = Date.parse('2026-01-01T10:01:00.000Z');

describe('attempt views', () => {
  it.each([
    [
      'a lost node, requeued',
      anAttempt({ exitCode: null, signal: 'SIGKILL', reason: 'NodeLost' }),
      { end: 'NodeLost (signal SIGKILL)', failed: true, running: false, runTime: '2.5 s' },
    ],
    ['exit 0', anAttempt(), { end: 'exit 0', failed: false, running: false, runTime: '2.5 s' }],
    ['exit 2', anAttempt({ exitCode: 2 }), { end: 'exit 2', failed: true, running: false }],
    [
      'a timeout',
      anAttempt({ exitCode: null, signal: 'SIGTERM', reason: 'Timeout' }),
      { end: 'Timeout (signal SIGTERM)', failed: true },
    ],
    [
      'still running',
      anAttempt({ endedAt: null, exitCode: null }),
      { end: null, failed: false, running: true, runTime: '59.0 s so far' },
    ],
  ])('tells how an attempt ended: %s', (_, attempt, expected) => {
    expect(attemptViews([attempt], NOW)[0]).toMatchObject(expected);
  });

  it('keeps the manager’s order, number, node and agent', () => {
    const views = attemptViews(
      [
        anAttempt({ attempt: 1, node: 'light-1', agent: 'local', reason: 'NodeLost', exitCode: null }),
        anAttempt({ attempt: 2, node: 'light-2', agent: null, endedAt: null, exitCode: null }),
      ],
      NOW,
    );

    expect(views.map((view) => [view.number, view.node, view.agent, view.running])).toEqual([
      [1, 'light-1', 'local', false],
      [2, 'light-2', null, true],
    ]);
  });

  it('has none for a job that never started', () => {
    expect(attemptViews([], NOW)).toEqual([]);
  });
});
