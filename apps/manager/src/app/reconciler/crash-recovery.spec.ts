import request from 'supertest';
import { expectConverged } from '../../testing/cloud-invariants';
import { eventually } from '../../testing/deferred';
import { holdNextCall } from '../../testing/hold-call';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { DATABASE, type Db } from '../store/database';
import { type NodeRecord, NodesRepository } from '../store/nodes.repository';
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
      maxConnections: 2,
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
      await test.lb.addServer('light', {
        nodeId: 'ghost',
        host: '127.0.0.1',
        port: 9,
        weight: 1,
        maxConnections: 2,
      });
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

describe('reconciler: an agent that goes silent', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  const nodes = () => test.app.get(NodesRepository);
  const silence = () =>
    test.app
      .get<Db>(DATABASE)
      .prepare('UPDATE agents SET last_seen_at = ?')
      .run(new Date(Date.now() - 60_000).toISOString());
  const pass = () => test.app.get(Reconciler).pass();

  beforeEach(async () => {
    test = await createCloudTestApp({ STRATO_AGENT_TIMEOUT_MS: '1000' });
    await http().post('/api/v1/nodes').set(auth).send({ name: 'n1', pod: 'light' }).expect(201);
    await http().post('/api/v1/pods/light/launch').set(auth).expect(201);
  });
  afterEach(() => test.close());

  it('has its nodes UNKNOWN and out of the load balancer, and back ONLINE when it returns with them', async () => {
    silence();
    await pass();
    expect(nodes().find('n1')).toMatchObject({ status: 'UNKNOWN', reason: 'agent local not heard from' });
    expect(await test.lb.status()).toEqual([]);
    await http().post('/api/v1/agents/local/heartbeat').set(test.agentAuth).expect(204);
    await pass();
    expect(nodes().find('n1')).toMatchObject({ status: 'ONLINE', incarnation: 1 });
    await expectConverged(test);
  });

  it('starts its nodes again when it returns without them', async () => {
    silence();
    await pass();
    await test.agent.removeNode('n1');
    await http().post('/api/v1/agents/local/heartbeat').set(test.agentAuth).expect(204);
    await eventually(async () => {
      await pass();
      expect(nodes().find('n1')).toMatchObject({ status: 'ONLINE', incarnation: 2 });
    });
    await expectConverged(test);
  });

  it('lets the owner remove such a node; what the agent still runs goes when it is back', async () => {
    silence();
    await pass();
    await http().delete('/api/v1/nodes/n1').set(auth).expect(200);
    expect(nodes().list()).toEqual([]);
    expect(test.agent.servers.has('n1')).toBe(true);
    await http().post('/api/v1/agents/local/heartbeat').set(test.agentAuth).expect(204);
    await pass();
    expect(test.agent.servers.size).toBe(0);
  });
});

describe('reconciler: a pass acts on what is, not on its snapshot', () => {
  let test: TestApp;
  afterEach(() => test.close());

  it('leaves alone a launch that finished while the pass was reading the runtimes', async () => {
    test = await createCloudTestApp();
    const http = () => request(test.app.getHttpServer());
    await http().post('/api/v1/nodes').set(auth).send({ name: 'n1', pod: 'light' }).expect(201);
    const creating = holdNextCall(test.agent, 'createNode');
    const launch = http()
      .post('/api/v1/pods/light/launch')
      .set(auth)
      .then((r) => r);
    await eventually(() => expect(test.app.get(NodesRepository).find('n1')?.status).toBe('STARTING'));
    // The pass reads the records (n1 STARTING), then waits on the agent while the launch finishes.
    const listing = holdNextCall(test.agent, 'listNodes');
    const pass = test.app.get(Reconciler).pass();
    creating.release();
    expect((await launch).status).toBe(201);
    listing.release();
    await pass;
    await new Promise((r) => setTimeout(r, 100));
    expect(test.app.get(NodesRepository).find('n1')).toMatchObject({ status: 'ONLINE', incarnation: 1 });
    const events = (await http().get('/api/v1/events?type=NodeRestarting').set(auth)).body;
    expect(events).toEqual([]);
  });
});
