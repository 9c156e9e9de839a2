import { processExitedEvent } from './process-exit-event';

const watched = { nodeId: 'n1', incarnation: 4, pod: 'medium', pid: 42 };

describe('processExitedEvent', () => {
  it.each([
    ['a clean exit', { code: 0, signal: null }, 0, { exitCode: 0, signal: null, oomKilled: false }],
    [
      'a SIGTERM',
      { code: null, signal: 'SIGTERM' as const },
      0,
      { exitCode: 143, signal: 'SIGTERM', oomKilled: false },
    ],
    [
      'an external SIGKILL',
      { code: null, signal: 'SIGKILL' as const },
      0,
      { exitCode: 137, signal: 'SIGKILL', oomKilled: false },
    ],
    [
      'an OOM kill',
      { code: null, signal: 'SIGKILL' as const },
      1,
      { exitCode: 137, signal: 'SIGKILL', oomKilled: true },
    ],
    [
      'a crash after an earlier OOM kill',
      { code: 1, signal: null },
      1,
      { exitCode: 1, signal: null, oomKilled: false },
    ],
    [
      'an unknown exit with the OOM counter up',
      undefined,
      1,
      { exitCode: 137, signal: 'SIGKILL', oomKilled: true },
    ],
    ['an unknown exit', undefined, 0, { exitCode: null, signal: null, oomKilled: false }],
  ])('reports %s', (_case, exit, oomKills, expected) => {
    expect(processExitedEvent(watched, exit, oomKills, 1_000)).toEqual({
      type: 'exited',
      nodeId: 'n1',
      incarnation: 4,
      pod: 'medium',
      at: 1_000,
      ...expected,
    });
  });
});
