import { ProcessExitWatcher, type WatchedProcess } from './process-exit-watcher';

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('ProcessExitWatcher', () => {
  it('reports a pid it saw alive once it is gone, even after its state file went; never a pid it never saw', async () => {
    const alive = new Set([1, 2]);
    let nodes: WatchedProcess[] = [
      { nodeId: 'a', incarnation: 1, pod: 'light', pid: 1 },
      { nodeId: 'b', incarnation: 1, pod: 'light', pid: 2 },
      { nodeId: 'dead-already', incarnation: 1, pod: 'light', pid: 3 },
    ];
    const exits: string[] = [];
    const watcher = new ProcessExitWatcher({
      nodes: async () => nodes,
      isAlive: async ({ pid }) => alive.has(pid),
      reportedByChild: ({ nodeId }) => nodeId === 'b',
      onExit: async ({ nodeId, pid }) => {
        exits.push(`${nodeId}:${pid}`);
      },
      logger: { warn: jest.fn() },
      intervalMs: 5,
    });
    watcher.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    alive.clear();
    nodes = [];
    await until(() => exits.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    watcher.stop();
    expect(exits).toEqual(['a:1']);
  });

  it('keeps polling after a failed poll, and logs it', async () => {
    let calls = 0;
    const logger = { warn: jest.fn() };
    const watcher = new ProcessExitWatcher({
      nodes: async () => {
        calls++;
        if (calls === 1) throw new Error('EIO');
        return [];
      },
      isAlive: async () => true,
      reportedByChild: () => false,
      onExit: async () => undefined,
      logger,
      intervalMs: 5,
    });
    watcher.start();
    await until(() => calls >= 3);
    watcher.stop();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('EIO'));
  });
});
