import request from 'supertest';
import { expectConverged } from '../../testing/cloud-invariants';
import { eventually } from '../../testing/deferred';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { type NodeRecord, NodesRepository } from '../nodes/nodes.repository';
import { Reconciler } from './reconciler';

/**
 * A manager that crashed mid-operation leaves the store, the runtime and the load balancer as they were
 * at that instant; in-memory state (locks, launches) is gone, as in a fresh process. Each case builds the
 * state a crash at one step leaves and checks that reconciling converges with nothing orphaned.
 */
describe('reconciler: converges after a crash at every step of launch and drain', () => {
  let test: TestApp;
  const nodes = () => test.app.get(NodesRepository);
  const converge = async () => {
    await eventually(async () => {
      await test.app.get(Reconciler).pass();
      await expectConverged(test);
    });
  };

  beforeEach(async () => {
    test = await createCloudTestApp();
    await request(test.app.getHttpServer())
      .post('/api/v1/nodes')
      .set(auth)
      .send({ name: 'n1', pod: 'light' })
      .expect(201);
  });
  afterEach(() => test.close());

  /** The node claimed for launch (STARTING, incarnation 1), as the launcher's first step leaves it. */
  const claimed = (): NodeRecord => must(nodes().claimFirstNew('light'));
  const createdOnAgent = async () => {
    const node = claimed();
    const view = await test.agent.createNode({
      nodeId: 'n1',
      incarnation: node.incarnation,
      pod: 'light',
      cpus: 0.3,
      memoryMiB: 100,
    });
    return must(nodes().transition('n1', node, { agent: 'local', host: view.host, port: view.port }));
  };
  const inLoadBalancer = async () => {
    const node = await createdOnAgent();
    await test.lb.addServer('light', {
      nodeId: 'n1',
      host: view(node).host,
      port: view(node).port,
      weight: 1,
    });
    return node;
  };

  it.each<[string, () => Promise<unknown>]>([
    ['after the claim, before the agent was asked', async () => claimed()],
    ['after the agent created the node', createdOnAgent],
    ['after the load balancer got the node, before ONLINE', inLoadBalancer],
  ])(
    'launch interrupted %s: started again as a new incarnation, ONLINE, one server',
    async (_step, crash) => {
      await crash();
      await converge();
      expect(nodes().find('n1')).toMatchObject({ status: 'ONLINE', incarnation: 2 });
      expect((await test.lb.status()).map((s) => s.nodeId)).toEqual(['n1']);
      expect([...test.agent.servers.values()].map((s) => s.view.incarnation)).toEqual([2]);
    },
  );

  const online = async () => {
    await request(test.app.getHttpServer()).post('/api/v1/pods/light/launch').set(auth).expect(201);
    return must(nodes().find('n1'));
  };
  const draining = async () => must(nodes().transition('n1', await online(), { status: 'DRAINING' }));

  it.each<[string, () => Promise<unknown>]>([
    ['after DRAINING was written', draining],
    ['after the load balancer let it go', async () => test.lb.removeServer('light', (await draining()).name)],
    [
      'after the runtime node was removed',
      async () => {
        await draining();
        await test.lb.removeServer('light', 'n1');
        await test.agent.removeNode('n1');
      },
    ],
  ])('removal interrupted %s: finished, nothing left anywhere', async (_step, crash) => {
    await crash();
    await converge();
    expect(nodes().list()).toEqual([]);
    expect(await test.lb.status()).toEqual([]);
    expect(test.agent.servers.size).toBe(0);
  });

  describe('load-balancer drift is repaired within one pass', () => {
    beforeEach(online);

    it.each<[string, () => Promise<void>]>([
      ['deleted', () => test.lb.removeServer('light', 'n1')],
      ['put in maint by hand', async () => void test.lb.health.set('n1', 'maint')],
      ['given another weight', () => test.lb.setWeight('light', 'n1', 7)],
    ])('a server %s is put back with its weight', async (_drift, drift) => {
      await drift();
      await test.app.get(Reconciler).pass();
      await expectConverged(test);
      expect(await test.lb.status()).toEqual([
        expect.objectContaining({ nodeId: 'n1', health: 'up', weight: 1 }),
      ]);
    });

    it('a phantom server (no node claims it) is taken out', async () => {
      await test.lb.addServer('light', { nodeId: 'ghost', host: '127.0.0.1', port: 9, weight: 1 });
      await test.app.get(Reconciler).pass();
      expect((await test.lb.status()).map((s) => s.nodeId)).toEqual(['n1']);
    });

    it('a FAILED node left in the load balancer is taken out', async () => {
      nodes().transition('n1', must(nodes().find('n1')), { status: 'FAILED', reason: 'test' });
      await test.app.get(Reconciler).pass();
      expect(await test.lb.status()).toEqual([]);
    });
  });
});

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

function view(node: NodeRecord): { host: string; port: number } {
  return { host: node.host ?? '', port: node.port ?? 0 };
}
