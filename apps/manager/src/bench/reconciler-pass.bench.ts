/**
 * Reconciler pass time over many nodes on a fake runtime (no I/O but SQLite): 1,000 ONLINE nodes that
 * all run and are all in the load balancer, so each pass compares three views and repairs nothing.
 * Run: tools/bench/reconciler-pass.sh (prints the figures; asserts nothing about speed).
 */
import type { AgentNodeView } from '@strato/contracts';
import { createCloudTestApp, type TestApp } from '../testing/test-app';
import { NodesRepository } from '../app/store/nodes.repository';
import { Reconciler } from '../app/reconciler/reconciler';

const SIZES = [45, 1000];
const PASSES = 30;

describe('reconciler pass time (benchmark)', () => {
  let test: TestApp;
  afterEach(() => test.close());

  it.each(SIZES)('%i ONLINE nodes, nothing to repair', async (size) => {
    test = await createCloudTestApp();
    const nodes = test.app.get(NodesRepository);
    const views: AgentNodeView[] = [];
    for (let i = 0; i < size; i++) {
      const name = `b${i}`;
      nodes.insertNew(name, 'light', Number.MAX_SAFE_INTEGER);
      const claimed = nodes.claimFirstNew('light');
      if (!claimed) throw new Error('claim failed');
      const port = 30_000 + i;
      const starting = nodes.transition(name, claimed, { agent: 'local', host: '127.0.0.1', port });
      if (!starting) throw new Error('placement failed');
      nodes.transition(name, starting, { status: 'ONLINE' });
      views.push({ ...view(name, port), incarnation: claimed.incarnation });
      await test.lb.addServer('light', {
        nodeId: name,
        host: '127.0.0.1',
        port,
        weight: 1,
        maxConnections: 2,
      });
    }
    jest.spyOn(test.agent, 'listNodes').mockResolvedValue(views);
    const reconciler = test.app.get(Reconciler);
    const times: number[] = [];
    for (let i = 0; i < PASSES; i++) {
      await reconciler.pass();
      times.push(reconciler.lastPassDurationMs ?? NaN);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const p90 = times[Math.floor(times.length * 0.9)];
    process.stdout.write(
      `reconciler pass, ${size} nodes: median ${median.toFixed(2)} ms, p90 ${p90.toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms over ${PASSES} passes\n`,
    );
    expect(nodes.list().filter((n) => n.status === 'ONLINE')).toHaveLength(size);
  });
});

function view(nodeId: string, port: number): AgentNodeView {
  return {
    nodeId,
    incarnation: 1,
    pod: 'light',
    host: '127.0.0.1',
    port,
    state: 'running',
    runtime: 'process',
    limits: { enforced: true, reason: null },
  };
}
