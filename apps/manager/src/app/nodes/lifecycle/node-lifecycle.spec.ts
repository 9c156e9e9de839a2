import request from 'supertest';
import { expectConverged } from '../../../testing/cloud-invariants';
import { eventually } from '../../../testing/deferred';
import { type Hold, holdNextCall } from '../../../testing/hold-call';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../../testing/test-app';
import { Placement } from '../../agents/placement/placement';
import { NoAgentError } from '../../errors/domain-errors';
import { Reconciler } from '../../reconciler/reconciler';
import { DATABASE, type Db } from '../../store/database';
import { type NodeRecord, NodesRepository } from '../../store/nodes.repository';
import { type PodRecord, PodsRepository } from '../../store/pods.repository';
import { NodeHealthProbe } from './node-health-probe';
import { NodeLifecycle } from './node-lifecycle';
import { NodeStateMachine } from './node-state-machine';

type Step = 'createNode' | 'health' | 'addServer';

describe('node lifecycle: one owner for node state', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  const nodes = () => test.app.get(NodesRepository);
  const node = (name: string): NodeRecord => {
    const found = nodes().find(name);
    if (!found) throw new Error(`no node ${name}`);
    return found;
  };
  const podLight = (): PodRecord => test.app.get(PodsRepository).find('light') as PodRecord;
  // Every test must leave a converged cloud behind.
  afterEach(async () => {
    await expectConvergedQuietly(test);
    await test.close();
  });

  async function register(name = 'n1', env: Record<string, string> = {}): Promise<void> {
    test = await createCloudTestApp(env);
    await http().post('/api/v1/nodes').set(auth).send({ name, pod: 'light' }).expect(201);
  }

  /** Holds the launch at `step` until release() is called. */
  const holdLaunchAt = (step: Step): Hold =>
    step === 'createNode'
      ? holdNextCall(test.agent, 'createNode')
      : step === 'health'
        ? holdNextCall(test.app.get(NodeHealthProbe), 'waitHealthy')
        : holdNextCall(test.lb, 'addServer');

  describe.each<[string, Record<string, string>]>([
    ['orphan policy remove', {}],
    ['orphan policy adopt', { STRATO_ORPHAN_POLICY: 'adopt' }],
  ])('cloud rm while the node launches (%s)', (_policy, env) => {
    it.each<Step>(['createNode', 'health', 'addServer'])(
      'during %s: rm answers 200, the launch a 409 saying why, and nothing is left behind',
      async (step) => {
        await register('n1', env);
        const held = holdLaunchAt(step);
        const launch = http()
          .post('/api/v1/pods/light/launch')
          .set(auth)
          .then((r) => r);
        await held.reached;
        const removing = jest.spyOn(test.app.get(NodeLifecycle), 'remove');
        const rm = http()
          .delete('/api/v1/nodes/n1')
          .set(auth)
          .then((r) => r);
        await eventually(() => expect(removing).toHaveBeenCalled());
        held.release();
        const [launched, removed] = await Promise.all([launch, rm]);
        expect(removed.status).toBe(200);
        expect(launched.status).toBe(409);
        expect(launched.body).toMatchObject({
          code: 'NODE_REMOVED_WHILE_LAUNCHING',
          message: 'node n1 was removed while it was launching; the launch was undone',
        });
        await test.app.get(Reconciler).pass();
        expect(nodes().list()).toEqual([]);
        expect(test.agent.servers.size).toBe(0);
        expect(await test.lb.status()).toEqual([]);
      },
    );
  });

  describe('warm nodes', () => {
    const launchWarm = async (): Promise<NodeRecord> => {
      const lifecycle = test.app.get(NodeLifecycle);
      const claimed = nodes().claimFirstNew('light') as NodeRecord;
      return lifecycle.launchClaimed(claimed, podLight(), test.app.get(Placement).place(podLight()), true);
    };

    it('launches a warm node to STANDBY: running and ready, not in the load balancer', async () => {
      await register();
      expect(await launchWarm()).toMatchObject({ name: 'n1', status: 'STANDBY', incarnation: 1 });
      expect(test.agent.servers.has('n1')).toBe(true);
      expect(await test.lb.status()).toEqual([]);
    });

    it('promotes a STANDBY node into the load balancer, ONLINE; a stale or second promotion is a conflict', async () => {
      await register();
      const standby = await launchWarm();
      const lifecycle = test.app.get(NodeLifecycle);
      expect(await lifecycle.promote(standby, podLight())).toMatchObject({ status: 'ONLINE' });
      expect((await test.lb.status()).map((s) => s.nodeId)).toEqual(['n1']);
      await expect(lifecycle.promote(standby, podLight())).rejects.toThrow(
        'node n1 is ONLINE, so it cannot become ONLINE',
      );
      expect(node('n1')).toMatchObject({ status: 'ONLINE', incarnation: 1 });
    });

    it('removes a STANDBY node at once (nothing to drain), runtime node and record', async () => {
      await register();
      await launchWarm();
      await http().delete('/api/v1/nodes/n1').set(auth).expect(200);
      expect(nodes().find('n1')).toBeUndefined();
      expect(test.agent.servers.size).toBe(0);
    });

    it('marks a STANDBY node whose process exits FAILED, like a serving one', async () => {
      await register();
      const standby = await launchWarm();
      await http()
        .post('/api/v1/agents/local/events')
        .set(test.agentAuth)
        .send({
          events: [
            {
              type: 'exited',
              nodeId: 'n1',
              incarnation: standby.incarnation,
              pod: 'light',
              exitCode: 1,
              signal: null,
              oomKilled: false,
              at: 1,
            },
          ],
        })
        .expect(202);
      expect(node('n1')).toMatchObject({ status: 'FAILED', reason: 'exited with code 1' });
    });

    it('the reconciler takes out of the load balancer a STANDBY node found there (a promotion cut short)', async () => {
      await register();
      const standby = await launchWarm();
      await test.lb.addServer('light', {
        nodeId: 'n1',
        host: standby.host as string,
        port: standby.port as number,
        weight: 1,
        maxConnections: 2,
      });
      await test.app.get(Reconciler).pass();
      await eventually(async () => expect(await test.lb.status()).toEqual([]));
      expect(node('n1')).toMatchObject({ status: 'STANDBY' });
    });

    it('the reconciler fails a STANDBY node that vanished from its host', async () => {
      await register();
      await launchWarm();
      await test.agent.removeNode('n1');
      await test.app.get(Reconciler).pass();
      await eventually(() =>
        expect(node('n1')).toMatchObject({ status: 'FAILED', reason: 'warm node vanished from its host' }),
      );
    });
  });

  it('ignores a stale exit report (an earlier incarnation) and acts on the current one', async () => {
    await register();
    await http().post('/api/v1/pods/light/launch').set(auth).expect(201);
    const first = node('n1');
    // The agent restarted empty: the node is started again as a new incarnation.
    await test.agent.removeNode('n1');
    await test.app.get(NodeLifecycle).relaunch(first, podLight());
    const second = node('n1');
    expect(second).toMatchObject({ status: 'ONLINE', incarnation: first.incarnation + 1 });
    const report = (incarnation: number) => ({
      events: [
        {
          type: 'exited',
          nodeId: 'n1',
          incarnation,
          pod: 'light',
          exitCode: 137,
          signal: 'SIGKILL',
          oomKilled: false,
          at: 1,
        },
      ],
    });
    await http()
      .post('/api/v1/agents/local/events')
      .set(test.agentAuth)
      .send(report(first.incarnation))
      .expect(202);
    expect(nodes().find('n1')).toMatchObject({ status: 'ONLINE', incarnation: second.incarnation });
    expect((await test.lb.status()).map((s) => s.nodeId)).toEqual(['n1']);
    await http()
      .post('/api/v1/agents/local/events')
      .set(test.agentAuth)
      .send(report(second.incarnation))
      .expect(202);
    expect(nodes().find('n1')).toMatchObject({ status: 'FAILED', reason: 'killed by SIGKILL' });
    expect(await test.lb.status()).toEqual([]);
  });

  it('refuses an illegal transition with a 409 naming the state, and changes nothing', async () => {
    await register();
    await http().post('/api/v1/pods/light/launch').set(auth).expect(201);
    const online = node('n1');
    // A stale caller: it read incarnation 1, the node is at 2 now.
    await test.app.get(NodeLifecycle).relaunch(online, podLight());
    const answer = await http().post('/api/v1/pods/light/launch').set(auth).expect(409);
    expect(answer.body.code).toBe('NO_NEW_NODE');
    const machine = test.app.get(NodeStateMachine);
    expect(() => machine.move(online, 'FAILED')).toThrow('node n1 is ONLINE, so it cannot become FAILED');
    expect(() => machine.move(node('n1'), 'NEW')).toThrow('node n1 is ONLINE, so it cannot become NEW');
    expect(nodes().find('n1')).toMatchObject({ status: 'ONLINE', incarnation: 2 });
  });

  it('never launches on an agent not heard from lately, and does again once it heartbeats', async () => {
    await register('n1', { STRATO_AGENT_TIMEOUT_MS: '1000' });
    const db = test.app.get<Db>(DATABASE);
    db.prepare('UPDATE agents SET last_seen_at = ?').run(new Date(Date.now() - 5_000).toISOString());
    const refused = await http().post('/api/v1/pods/light/launch').set(auth).expect(503);
    expect(refused.body).toMatchObject({ code: 'NO_REACHABLE_AGENT' });
    expect(refused.body.message).toBe(
      'no proxy agent was heard from in the last 1 s (known: local); check that they run and reach the manager',
    );
    expect(node('n1')).toMatchObject({ status: 'NEW', incarnation: 0 });
    await http().post('/api/v1/agents/local/heartbeat').set(test.agentAuth).expect(204);
    await http().post('/api/v1/pods/light/launch').set(auth).expect(201);
  });

  it('claims no node when there is no agent to launch it on', async () => {
    await register();
    jest.spyOn(test.app.get(Placement), 'place').mockImplementation(() => {
      throw new NoAgentError();
    });
    await http().post('/api/v1/pods/light/launch').set(auth).expect(503);
    expect(nodes().find('n1')).toMatchObject({ status: 'NEW', incarnation: 0 });
  });
});

/** Every test above must end in a converged cloud. */
async function expectConvergedQuietly(test: TestApp): Promise<void> {
  await test.app.get(Reconciler).pass();
  await eventually(() => expectConverged(test));
}
