import { cloudEvent, sample } from '../../../testing/stream-samples';
import { nodesCell, watchScreen } from './watch-screen';
import { initialView, type WatchView } from './watch-view';

const view = (change: Partial<WatchView> = {}): WatchView => ({
  ...initialView(new Map([['light', 'paused']])),
  connection: { state: 'live' },
  lastFrameAt: new Date('2026-12-02T10:00:05.000Z'),
  ...change,
});

const lineOf = (screen: string, text: string) => screen.split('\n').find((line) => line.includes(text));

describe('the watch screen', () => {
  it("draws each pod's numbers under their headers, its state from the pods read", () => {
    const screen = watchScreen(view({ samples: [sample()] }));
    expect(lineOf(screen, 'POD')).toMatch(
      /POD\s+│\s+STATE\s+│\s+NODES\s+│\s+REQ\/S\s+│\s+P50\/P99 MS\s+│\s+QUEUE\s+│\s+SESSIONS\s+│\s+5XX\/S\s+│\s+CPU\/CAP/,
    );
    expect(lineOf(screen, 'light')).toMatch(
      /light\s+│\s+paused\s+│\s+2\/2\s+│\s+12\.5\s+│\s+8\.3\/130\s+│\s+3\s+│\s+4\s+│\s+0\.5\s+│\s+42 %\s+│/,
    );
  });

  it('shows a dash for what is not known: no request timed, no CPU sample, a pod not in the pods read', () => {
    const screen = watchScreen(
      view({ samples: [sample({ pod: 'mine', latencyP50Ms: null, latencyP99Ms: null, cpuPercent: null })] }),
    );
    expect(lineOf(screen, 'mine')).toMatch(/mine\s+│\s+-\s+│\s+2\/2\s+│\s+12\.5\s+│\s+-\/-\s+│.*│\s+-\s+│$/);
  });

  it.each([
    [{ ready: 2, total: 3 }, null, '2/3'],
    [{ ready: 2, total: 3 }, 3, '2/3'],
    [{ ready: 2, total: 3 }, 5, '2/3 → 5'],
    [{ ready: 4, total: 4 }, 1, '4/4 → 1'],
  ])('writes nodes %j with %s wanted as %s', (nodes, desiredNodes, text) => {
    expect(nodesCell(sample({ nodes, desiredNodes }))).toBe(text);
  });

  it('lists the last events under the pods with time, type, pod, node and message', () => {
    const screen = watchScreen(
      view({ samples: [sample()], events: [cloudEvent(7, { type: 'PodPaused', node: null })] }),
    );
    expect(screen.indexOf('PodPaused')).toBeGreaterThan(screen.indexOf('12.5'));
    expect(lineOf(screen, 'PodPaused')).toMatch(
      /2026-12-02 10:00:07\s+│\s+PodPaused\s+│\s+light\s+│\s+-\s+│\s+event 7/,
    );
  });

  it('takes one line per pod and per event, with a line under each header, so three pods and 8 events fit 24 rows', () => {
    const events = [1, 2, 3, 4, 5, 6, 7, 8].map((id) => cloudEvent(id));
    const samples = ['light', 'medium', 'heavy'].map((pod) => sample({ pod }));
    const lines = watchScreen(view({ samples, events })).split('\n');
    expect(lines).toHaveLength(3 + 3 + 1 + 1 + 3 + 8 + 1 + 1);
    expect(lines.slice(0, 4)).toEqual([
      expect.stringMatching(/^┌─+┬/),
      expect.stringMatching(/^│ POD /),
      expect.stringMatching(/^├─+┼/),
      expect.stringMatching(/^│ light /),
    ]);
  });

  it('says so before the first metrics frame and before any event', () => {
    const screen = watchScreen(view({ lastFrameAt: null, connection: { state: 'connecting' } }));
    expect(screen).toContain('waiting for the first metrics frame…');
    expect(screen).toContain('(no event since watching)');
    expect(screen.split('\n').at(-1)).toBe('connecting · no frame yet · Ctrl-C stops');
  });

  it('ends with the connection and the time of the last frame', () => {
    expect(watchScreen(view()).split('\n').at(-1)).toBe('live · last frame 10:00:05 UTC · Ctrl-C stops');
    expect(
      watchScreen(view({ connection: { state: 'reconnecting', message: 'connection lost' } }))
        .split('\n')
        .at(-1),
    ).toBe('reconnecting (connection lost) · last frame 10:00:05 UTC · Ctrl-C stops');
  });
});
