import { captureOutput } from '../../../testing/captured-output';
import { sample } from '../../../testing/stream-samples';
import { watchPrinter } from './watch-printer';
import { initialView, type WatchView } from './watch-view';

const view = (requestRate: number, second: number): WatchView => ({
  ...initialView(new Map()),
  connection: { state: 'live' },
  samples: [sample({ requestRate })],
  lastFrameAt: new Date(`2026-12-02T10:00:0${second}.000Z`),
});

describe('the watch printer', () => {
  it('piped, prints a screen only when something other than the clock changed', () => {
    const output = captureOutput();
    const print = watchPrinter(output);
    print(view(1, 1));
    print(view(1, 2));
    print(view(2, 3));
    expect(output.stdout).toHaveLength(2);
    expect(output.stdout[0]).toContain('last frame 10:00:01');
    expect(output.stdout[1]).toMatch(/^\n/);
    expect(output.stdout[1]).toContain('last frame 10:00:03');
    expect(output.stdout.join('')).not.toContain('\x1b');
  });

  it('piped, writes nothing before the first metrics frame, unless the connection is in trouble', () => {
    const output = captureOutput();
    const print = watchPrinter(output);
    const empty = { ...view(1, 1), samples: [] };
    print({ ...empty, connection: { state: 'connecting' } });
    print(empty);
    expect(output.stdout).toEqual([]);
    print({ ...empty, connection: { state: 'reconnecting', message: 'connection lost' } });
    expect(output.stdout).toHaveLength(1);
    expect(output.stdout[0]).toContain('reconnecting (connection lost)');
  });

  it('on a terminal, redraws each new screen in place, cut to the terminal, clearing the screen once', () => {
    const output = { ...captureOutput(), terminal: { columns: 30, rows: 40 } };
    const print = watchPrinter(output);
    print(view(1, 1));
    print(view(1, 1));
    print(view(1, 2));
    expect(output.stdout).toHaveLength(2);
    expect(output.stdout[0].startsWith('\x1b[2J\x1b[H')).toBe(true);
    expect(output.stdout[1].startsWith('\x1b[H')).toBe(true);
    expect(output.stdout[1]).toContain('last frame 10:00');
    expect(output.stdout[1].endsWith('\x1b[J')).toBe(true);
    const lines = output.stdout[1].slice(3, -3).split('\n');
    expect(lines.every((line) => line.endsWith('\x1b[K') && line.length <= 30 + 3)).toBe(true);
  });

  it('on a short terminal, leaves out the lines that would not fit rather than scroll', () => {
    const output = { ...captureOutput(), terminal: { columns: 200, rows: 5 } };
    watchPrinter(output)(view(1, 1));
    expect(output.stdout[0].split('\n')).toHaveLength(4);
  });
});
