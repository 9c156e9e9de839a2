import request from 'supertest';
import { eventually } from '../../testing/deferred';
import { type Hold, holdNextCall } from '../../testing/hold-call';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { NodesRepository } from '../store/nodes.repository';
import { type PodRecord, PodsRepository } from '../store/pods.repository';
import { ElasticityTicker } from './elasticity-ticker';
import { PodMetrics } from './pod-metrics';
import { PodScaler } from './pod-scaler';
import { BootGate } from '../reconciler/boot-gate';
import { DATABASE as DATABASE_HANDLE, type Db } from '../store/database';

describe('elasticity under interleavings (fake clock, controllable reads)', () => {
  let test: TestApp;
  let ticker: ElasticityTicker;
  let clock: number;
  const http = () => request(test.app.getHttpServer());
  const count = (pod: string, status = 'ONLINE') =>
    test.app
      .get(NodesRepository)
      .listByPod(pod)
      .filter((n) => n.status === status).length;
  const tick = async () => {
    clock += 1000;
    await ticker.tick(clock);
    await ticker.idle();
  };
  const enable = async (pod: string, policy: Record<string, unknown> = {}) => {
    await http()
      .put(`/api/v1/pods/${pod}/elasticity`)
      .set(auth)
      .send({ scaleOutCooldownMs: 0, scaleInCooldownMs: 0, windowMs: 1000, ...policy })
      .expect(200);
    await http()
      .post(`/api/v1/pods/${pod}/elasticity/enable`)
      .set(auth)
      .send({ minNodes: 1, maxNodes: 4 })
      .expect(200);
  };

  beforeEach(async () => {
    test = await createCloudTestApp({ STRATO_ELASTICITY_TICK_MS: '0' });
    ticker = test.app.get(ElasticityTicker);
    clock = 1_000_000;
  });
  afterEach(() => test.close());

  /** Holds the next metric read of `pod` until release(). */
  const holdRead = (pod: string): Hold =>
    holdNextCall(test.app.get(PodMetrics), 'read', (p: PodRecord) => p.name === pod);

  it('two ticks with a slow metric read scale out once, not twice', async () => {
    await enable('light', { metric: 'cpu', lower: 20, upper: 60 });
    await tick();
    expect(count('light')).toBe(1);
    test.agent.cpuPercent = 27; // 90 % of the 0.3-CPU cap: one step out per evaluation
    const held = holdRead('light');
    const first = ticker.tick((clock += 1000));
    await held.reached;
    await ticker.tick((clock += 1000)); // the pod is busy: this tick leaves it alone
    held.release();
    await first;
    await ticker.idle();
    expect(count('light')).toBe(2);
  });

  it('a slow read in one pod delays no other pod', async () => {
    await enable('light');
    await enable('heavy');
    const held = holdRead('light');
    const ticking = ticker.tick((clock += 1000));
    await held.reached;
    await eventually(() => expect(count('heavy')).toBe(1));
    expect(count('light', 'STARTING') + count('light')).toBe(0);
    held.release();
    await ticking;
    await ticker.idle();
    expect(count('light')).toBe(1);
  });

  it('a drain in one pod delays no other pod', async () => {
    await enable('light');
    await http()
      .post('/api/v1/pods/light/elasticity/enable')
      .set(auth)
      .send({ minNodes: 2, maxNodes: 4 })
      .expect(200);
    await tick();
    expect(count('light')).toBe(2);
    // light is asked down to one node; its drain hangs in the load balancer.
    const drain = holdNextCall(test.lb, 'removeServer');
    await http()
      .post('/api/v1/pods/light/elasticity/enable')
      .set(auth)
      .send({ minNodes: 1, maxNodes: 1 })
      .expect(200);
    await enable('heavy');
    void ticker.tick((clock += 1000));
    await eventually(() => expect(count('light', 'DRAINING')).toBe(1));
    await eventually(() => expect(count('heavy')).toBe(1));
    drain.release();
    await ticker.idle();
    expect(count('light', 'DRAINING')).toBe(0);
    expect(count('light')).toBe(1);
  });

  it('claims no node for a scale-out when no agent can take it, and says why', async () => {
    await test.app.get<Db>(DATABASE_HANDLE).prepare('DELETE FROM agents').run();
    await enable('light');
    await tick();
    expect(test.app.get(NodesRepository).listByPod('light')).toEqual([]);
    const status = (await http().get('/api/v1/pods/light/elasticity').set(auth).expect(200)).body.status;
    expect(status.conditions).toContainEqual(
      expect.objectContaining({ type: 'LaunchFailing', message: expect.stringContaining('no proxy agent') }),
    );
  });

  it('does not tick before the load balancer is started from the store', async () => {
    const gate = test.app.get(BootGate);
    jest.spyOn(gate, 'isOpen', 'get').mockReturnValue(false);
    await enable('light');
    await tick();
    expect(count('light', 'STARTING') + count('light')).toBe(0);
  });

  it('ignores a CPU sample of another incarnation of a node', async () => {
    await enable('light', { metric: 'cpu', lower: 20, upper: 60 });
    await tick();
    test.agent.cpuPercent = 27;
    const listNodes = test.agent.listNodes.bind(test.agent);
    jest
      .spyOn(test.agent, 'listNodes')
      .mockImplementation(async (stats) =>
        (await listNodes(stats)).map((view) => ({ ...view, incarnation: 99 })),
      );
    await tick();
    const status = (await http().get('/api/v1/pods/light/elasticity').set(auth).expect(200)).body.status;
    expect(status).toMatchObject({ value: null, detail: 'no CPU sample yet' });
    expect(count('light')).toBe(1);
  });

  it('a scale-out never passes the limit it is given (the policy maximum)', async () => {
    const pod = test.app.get(PodsRepository).find('light') as PodRecord;
    await test.app.get(PodScaler).scaleOut(pod, 5, 2, clock);
    expect(count('light')).toBe(2);
  });

  it('a launch that keeps failing backs off exponentially, with one condition, and the event log stays bounded', async () => {
    const createNode = jest
      .spyOn(test.agent, 'createNode')
      .mockRejectedValue(new Error('image strato-node:latest not found'));
    await enable('light');
    for (let second = 0; second < 600; second++) await tick();
    // 1 + 2 + 4 + … + 256 s: nine tries in ten minutes, not six hundred.
    expect(createNode.mock.calls.length).toBeGreaterThanOrEqual(8);
    expect(createNode.mock.calls.length).toBeLessThanOrEqual(11);
    const events = (await http().get('/api/v1/events?pod=light&limit=1000').set(auth).expect(200)).body as {
      type: string;
    }[];
    expect(events.length).toBeLessThan(80);
    expect(events.filter((e) => e.type === 'LaunchFailing')).toHaveLength(1);
    const status = (await http().get('/api/v1/pods/light/elasticity').set(auth).expect(200)).body.status;
    expect(status.reason).toBe('LaunchBackingOff');
    expect(status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'LaunchFailing',
        status: true,
        message: expect.stringMatching(
          /^node light-\w+ failed to start: image strato-node:latest not found; next try in \d+ s$/,
        ),
      }),
    );
    createNode.mockRestore();
    for (let second = 0; second < 300 && count('light') === 0; second++) await tick();
    expect(count('light')).toBe(1);
    const after = (await http().get('/api/v1/events?pod=light&type=LaunchFailingCleared').set(auth)).body;
    expect(after).toHaveLength(1);
  });
});
