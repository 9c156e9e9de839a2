import request from 'supertest';
import { eventually } from '../../testing/deferred';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { manualTicks } from '../../testing/manual-ticks';
import { ElasticityTicker } from './elasticity-ticker';

interface NodeView {
  name: string;
  status: string;
}

describe('elasticity with warm nodes (in-process: fake agent samples, manual ticks)', () => {
  let test: TestApp;
  let ticker: ElasticityTicker;
  const http = () => request(test.app.getHttpServer());
  const nodes = async (status?: string): Promise<NodeView[]> =>
    ((await http().get('/api/v1/nodes?pod=light').set(auth).expect(200)).body as NodeView[]).filter(
      (n) => status === undefined || n.status === status,
    );
  const tick = manualTicks(() => ticker);

  beforeAll(async () => {
    test = await createCloudTestApp({ STRATO_ELASTICITY_TICK_MS: '0' });
    ticker = test.app.get(ElasticityTicker);
  });
  afterAll(() => test.close());

  it('refuses more warm nodes than the policy maximum, or a fraction of one, naming the field', async () => {
    const tooMany = await http()
      .put('/api/v1/pods/light/elasticity')
      .set(auth)
      .send({ maxNodes: 3, warmNodes: 4 })
      .expect(422);
    expect(tooMany.body.message).toBe('warmNodes must be an integer from 0 to maxNodes 3, got 4');
    const fraction = await http().put('/api/v1/pods/light/elasticity').set(auth).send({ warmNodes: 0.5 });
    expect(fraction.status).toBe(400);
    expect(JSON.stringify(fraction.body)).toContain('warmNodes');
    expect((await http().get('/api/v1/pods/light/elasticity').set(auth)).body.policy.warmNodes).toBe(0);
  });

  it('keeps a warm node STANDBY beside the pod, out of the load balancer and of the node count', async () => {
    await http()
      .post('/api/v1/pods/light/elasticity/enable')
      .set(auth)
      .send({ minNodes: 1, maxNodes: 4 })
      .expect(200);
    const policy = {
      metric: 'cpu',
      lower: 20,
      upper: 60,
      warmNodes: 1,
      scaleOutCooldownMs: 0,
      windowMs: 1000,
    };
    await http().put('/api/v1/pods/light/elasticity').set(auth).send(policy).expect(200);
    test.agent.cpuPercent = 12; // 40 % of a 0.3-CPU cap: between the thresholds
    await tick(2);
    await eventually(async () => expect(await nodes('STANDBY')).toHaveLength(1));
    expect(await nodes('ONLINE')).toHaveLength(1);
    const [warm] = await nodes('STANDBY');
    expect((await test.lb.status()).map((s) => s.nodeId)).not.toContain(warm.name);
    await tick();
    const status = (await http().get('/api/v1/pods/light/elasticity').set(auth).expect(200)).body.status;
    expect(status).toMatchObject({ currentNodes: 1, readyNodes: 1, desiredNodes: 1 });
    expect(await nodes('STANDBY')).toEqual([warm]);
  });

  it('scales out by promoting the warm node, then boots a new warm node', async () => {
    const [warm] = await nodes('STANDBY');
    test.agent.cpuPercent = 27; // 90 % of the cap
    await tick();
    expect((await nodes('ONLINE')).map((n) => n.name)).toContain(warm.name);
    expect((await test.lb.status()).map((s) => s.nodeId)).toContain(warm.name);
    const events = (await http().get('/api/v1/events?pod=light&limit=50').set(auth)).body as {
      type: string;
      node: string | null;
      message: string;
    }[];
    expect(events.find((e) => e.type === 'NodeOnline' && e.node === warm.name)?.message).toMatch(
      new RegExp(`^warm node ${warm.name} online at .* after \\d+ ms$`),
    );
    test.agent.cpuPercent = 12;
    await tick();
    await eventually(async () => expect(await nodes('STANDBY')).toHaveLength(1));
    expect((await nodes('STANDBY'))[0].name).not.toBe(warm.name);
    expect(await nodes('ONLINE')).toHaveLength(2);
  });

  it('removes the warm nodes when elasticity goes off, and keeps the serving ones', async () => {
    await http().post('/api/v1/pods/light/elasticity/disable').set(auth).expect(200);
    await eventually(async () => expect(await nodes('STANDBY')).toEqual([]));
    expect(await nodes('ONLINE')).toHaveLength(2);
  });
});
