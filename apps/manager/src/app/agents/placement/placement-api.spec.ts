import request from 'supertest';
import { DATABASE, type Db } from '../../store/database';
import { eventually } from '../../../testing/deferred';
import { manualTicks } from '../../../testing/manual-ticks';
import { joinAuth, createTestApp, ownerAuth as auth, type TestApp } from '../../../testing/test-app';
import { ElasticityTicker } from '../../elasticity/elasticity-ticker';
import { Reconciler } from '../../reconciler/reconciler';
import { NoRoomForNodeError } from '../../errors/domain-errors';
import { NodesRepository } from '../../store/nodes.repository';
import { PodsRepository } from '../../store/pods.repository';
import { Placement } from './placement';

interface NodeView {
  name: string;
  pod: string;
  status: string;
  agent: string | null;
}

const GiB = 2 ** 30;

/** Placement through the API, over three registered hosts (one fake agent answers for all of them). */
describe('node placement (in-process: fake agents, real store, lifecycle and reconciler)', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  const host = (id: string, cores: number, labels: Record<string, string> = {}) =>
    http()
      .post('/api/v1/agents')
      .set(joinAuth)
      .send({
        id,
        url: `http://127.0.0.1:1/${id}`,
        runtime: 'process',
        cores,
        memoryBytes: GiB,
        labels,
        nodePorts: 50,
      });
  const nodes = async (pod: string): Promise<NodeView[]> =>
    (await http().get(`/api/v1/nodes?pod=${pod}`).set(auth).expect(200)).body as NodeView[];
  const perHost = async (pod: string): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const node of await nodes(pod)) if (node.agent) counts[node.agent] = (counts[node.agent] ?? 0) + 1;
    return counts;
  };
  let registered = 0;
  const launch = async (pod: string, count: number) => {
    for (let i = 0; i < count; i++) {
      await http()
        .post('/api/v1/nodes')
        .set(auth)
        .send({ name: `${pod}-${++registered}`, pod })
        .expect(201);
      await http().post(`/api/v1/pods/${pod}/launch`).set(auth).expect(201);
    }
  };
  const events = async (type: string) =>
    (
      (await http().get(`/api/v1/events?limit=200`).set(auth).expect(200)).body as {
        type: string;
        message: string;
      }[]
    )
      .filter((event) => event.type === type)
      .map((event) => event.message);

  beforeEach(async () => {
    test = await createTestApp({ STRATO_ELASTICITY_TICK_MS: '0', STRATO_AGENT_TIMEOUT_MS: '60000' });
    await host('vm-1', 1).expect(200);
    await host('vm-2', 2, { zone: 'b' }).expect(200);
    await host('vm-3', 2, { zone: 'c', disk: 'ssd' }).expect(200);
    await http().post('/api/v1/cloud/init').set(auth).expect(200);
  });
  afterEach(() => test.close());

  it('spreads a pod over the hosts, fewest of its nodes first, and says why in each NodeStarting event', async () => {
    await launch('light', 6);
    expect(await perHost('light')).toEqual({ 'vm-1': 2, 'vm-2': 2, 'vm-3': 2 });
    const starting = await events('NodeStarting');
    expect(starting).toHaveLength(6);
    expect(starting.every((message) => /placed on vm-\d: .* reserved with it/.test(message))).toBe(true);
  });

  it('keeps a one-host pod on the host its first node went to', async () => {
    await http()
      .patch('/api/v1/pods/medium')
      .set(auth)
      .send({ placement: { mode: 'one-host' } })
      .expect(200);
    await launch('medium', 3);
    const counts = await perHost('medium');
    expect(Object.values(counts)).toEqual([3]);
    expect((await http().get('/api/v1/pods/medium').set(auth)).body.placement).toEqual({
      mode: 'one-host',
      labels: {},
    });
  });

  it('puts a labelled pod only on hosts with the labels', async () => {
    await http()
      .post('/api/v1/pods')
      .set(auth)
      .send({ name: 'fast', cpus: 0.2, placement: { labels: { disk: 'ssd' } } })
      .expect(201);
    await launch('fast', 3);
    expect(await perHost('fast')).toEqual({ 'vm-3': 3 });
  });

  it('never reserves past a host: the launch that does not fit is a 409 with every refusal, and claims nothing', async () => {
    await launch('heavy', 4); // 0.8 CPU each: vm-2 and vm-3 take two each, vm-1 (1 CPU) one
    await launch('heavy', 1);
    await http().post('/api/v1/nodes').set(auth).send({ name: 'one-too-many', pod: 'heavy' }).expect(201);
    const refused = await http().post('/api/v1/pods/heavy/launch').set(auth).expect(409);
    expect(refused.body).toMatchObject({ code: 'NO_ROOM_FOR_NODE' });
    expect(refused.body.message).toBe(
      "no room for another node of pod heavy: no host has room for a 0.8 CPU / 500 MiB node: vm-1 is full on CPU (0.8 of 1 reserved); vm-2 is full on CPU (1.6 of 2 reserved); vm-3 is full on CPU (1.6 of 2 reserved); start an agent on another host, remove nodes, or change the pod's placement",
    );
    expect((await nodes('heavy')).find((node) => node.name === 'one-too-many')).toMatchObject({
      status: 'NEW',
    });
    const agents = (await http().get('/api/v1/agents').set(auth).expect(200)).body;
    expect(agents.map((a: { id: string; reserved: unknown }) => [a.id, a.reserved])).toEqual([
      ['vm-1', { nodes: 1, cpus: 0.8, memoryMiB: 500 }],
      ['vm-2', { nodes: 2, cpus: 1.6, memoryMiB: 1000 }],
      ['vm-3', { nodes: 2, cpus: 1.6, memoryMiB: 1000 }],
    ]);
  });

  it('counts the room of nodes about to leave as free (a replacement), and only theirs', async () => {
    await launch('heavy', 5); // every host full, as above
    const placement = test.app.get(Placement);
    const heavy = test.app.get(PodsRepository).require('heavy');
    expect(() => placement.place(heavy)).toThrow(NoRoomForNodeError);
    const leaving = test.app
      .get(NodesRepository)
      .listByPod('heavy')
      .filter((node) => node.agent === 'vm-1');
    expect(leaving).toHaveLength(1);
    expect(placement.place(heavy, leaving).agent.record.id).toBe('vm-1');
    expect(placement.reservations(new Set(leaving.map((node) => node.name))).get('vm-1')).toEqual({
      nodes: 0,
      cpus: 0,
      memoryMiB: 0,
    });
    expect(placement.reservations().get('vm-2')).toEqual({ nodes: 2, cpus: 1.6, memoryMiB: 1000 });
  });

  it('places on the room a host offers once it registers again with more (a swarm host back from drain)', async () => {
    await launch('heavy', 5);
    await http().post('/api/v1/nodes').set(auth).send({ name: 'waiting', pod: 'heavy' }).expect(201);
    await http().post('/api/v1/pods/heavy/launch').set(auth).expect(409);
    await host('vm-1', 0).expect(200); // drained: it keeps its node, takes no new one
    expect((await http().post('/api/v1/pods/heavy/launch').set(auth).expect(409)).body.message).toContain(
      'vm-1 is full on CPU (0.8 of 0 reserved)',
    );
    await host('vm-1', 4).expect(200);
    expect(await events('AgentRegistered')).toEqual(
      expect.arrayContaining([
        'agent vm-1 now offers 0 cores and 1024 MiB (was 1 cores and 1024 MiB)',
        'agent vm-1 now offers 4 cores and 1024 MiB (was 0 cores and 1024 MiB)',
      ]),
    );
    await http().post('/api/v1/pods/heavy/launch').set(auth).expect(201);
    expect((await nodes('heavy')).find((node) => node.name === 'waiting')?.agent).toBe('vm-1');
  });

  it('overcommits only as far as STRATO_OVERCOMMIT allows', async () => {
    await test.close();
    test = await createTestApp({ STRATO_OVERCOMMIT: '2' });
    await host('vm-1', 1).expect(200);
    await http().post('/api/v1/cloud/init').set(auth).expect(200);
    await launch('light', 6); // 1.8 CPU on a 1-CPU host: within twice its CPUs
    await http().post('/api/v1/nodes').set(auth).send({ name: 'extra', pod: 'light' }).expect(201);
    const refused = await http().post('/api/v1/pods/light/launch').set(auth).expect(409);
    expect(refused.body.message).toContain('vm-1 is full on CPU (1.8 of 2 reserved)');
  });

  it('refuses bad placements and labels with 400 naming the field, changing nothing', async () => {
    const badMode = await http()
      .patch('/api/v1/pods/light')
      .set(auth)
      .send({ placement: { mode: 'anywhere' } });
    expect(badMode.status).toBe(400);
    expect(JSON.stringify(badMode.body)).toContain('placement.mode');
    const badLabels = await http()
      .patch('/api/v1/pods/light')
      .set(auth)
      .send({ placement: { labels: { 'no spaces': 'x' } } });
    expect(badLabels.status).toBe(400);
    expect(JSON.stringify(badLabels.body)).toContain('has an invalid label name \\"no spaces\\"');
    const badHost = await host('vm-4', 2, { zone: '' as string });
    expect(badHost.status).toBe(400);
    expect(JSON.stringify(badHost.body)).toContain('labels');
    expect((await http().get('/api/v1/pods/light').set(auth)).body.placement).toEqual({
      mode: 'spread',
      labels: {},
    });
    expect((await http().get('/api/v1/agents').set(auth)).body).toHaveLength(3);
  });

  it('with elasticity on, replaces the nodes of a host that went silent on the others; the host back, its leftovers go', async () => {
    await http()
      .post('/api/v1/pods/light/elasticity/enable')
      .set(auth)
      .send({ minNodes: 3, maxNodes: 6 })
      .expect(200);
    const ticker = test.app.get(ElasticityTicker);
    const tick = manualTicks(() => ticker);
    await tick(1);
    await eventually(async () =>
      expect((await nodes('light')).filter((n) => n.status === 'ONLINE')).toHaveLength(3),
    );
    expect(await perHost('light')).toEqual({ 'vm-1': 1, 'vm-2': 1, 'vm-3': 1 });
    const [lost] = (await nodes('light')).filter((node) => node.agent === 'vm-1');

    // vm-1 stops heartbeating: the reconciler marks its node UNKNOWN and takes it out of the load balancer.
    test.app
      .get<Db>(DATABASE)
      .prepare("UPDATE agents SET last_seen_at = ? WHERE id = 'vm-1'")
      .run(new Date(0).toISOString());
    await test.app.get(Reconciler).pass();
    expect((await nodes('light')).find((node) => node.name === lost.name)).toMatchObject({
      status: 'UNKNOWN',
    });
    expect(test.lb.members.get('light')?.map((server) => server.nodeId)).not.toContain(lost.name);

    await tick(1);
    await eventually(async () => {
      const now = await nodes('light');
      expect(now.filter((n) => n.status === 'ONLINE')).toHaveLength(3);
      expect(now.map((n) => n.name)).not.toContain(lost.name);
    });
    expect(await perHost('light')).toEqual({ 'vm-2': 2, 'vm-3': 1 });
    expect((await events('NodeRemoved')).join('\n')).toContain(
      `(its agent vm-1 is unreachable: replaced by a node on another host); agent vm-1 is unreachable, so its runtime node goes when it is back`,
    );
    await tick(3);
    expect(await nodes('light')).toHaveLength(3); // one for one: the policy did not add more
  });
});
