import request from 'supertest';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { manualTicks } from '../../testing/manual-ticks';
import { ElasticityTicker } from './elasticity-ticker';

describe('elasticity (in-process: fake agent samples, manual ticks)', () => {
  let test: TestApp;
  let ticker: ElasticityTicker;
  const http = () => request(test.app.getHttpServer());
  const online = async () =>
    ((await http().get('/api/v1/nodes?pod=light').set(auth)).body as { status: string }[]).filter(
      (n) => n.status === 'ONLINE',
    ).length;
  const tick = manualTicks(() => ticker);

  beforeAll(async () => {
    test = await createCloudTestApp({ STRATO_ELASTICITY_TICK_MS: '0' });
    ticker = test.app.get(ElasticityTicker);
  });
  afterAll(() => test.close());

  it('refuses a policy whose fields are valid but do not fit together with 422, and changes nothing', async () => {
    const bad = await http()
      .put('/api/v1/pods/light/elasticity')
      .set(auth)
      .send({ lower: 80, upper: 20 })
      .expect(422);
    expect(bad.body).toMatchObject({
      statusCode: 422,
      error: 'Unprocessable Entity',
      code: 'INVALID_SETTING',
    });
    expect(bad.body.message).toBe('upper must be above lower 80, got 20');
    const tooMany = await http()
      .post('/api/v1/pods/light/elasticity/enable')
      .set(auth)
      .send({ minNodes: 1, maxNodes: 30 })
      .expect(422);
    expect(tooMany.body.message).toBe("maxNodes 30 is above pod light's limit of 20 nodes");
    expect((await http().get('/api/v1/pods/light/elasticity').set(auth).expect(200)).body.enabled).toBe(
      false,
    );
  });

  it('brings a pod up to its minimum as soon as elasticity is on', async () => {
    const enabled = await http()
      .post('/api/v1/pods/0/elasticity/enable')
      .set(auth)
      .send({ minNodes: 1, maxNodes: 4 })
      .expect(200);
    expect(enabled.body).toMatchObject({
      pod: 'light',
      enabled: true,
      policy: { kind: 'threshold', minNodes: 1, maxNodes: 4 },
    });
    await http()
      .put('/api/v1/pods/light/elasticity')
      .set(auth)
      .send({
        metric: 'cpu',
        lower: 20,
        upper: 60,
        scaleOutCooldownMs: 0,
        scaleInCooldownMs: 0,
        windowMs: 1000,
      })
      .expect(200);
    await tick();
    expect(await online()).toBe(1);
  });

  it('refuses manual register, rm and launch while elasticity is on', async () => {
    const refused = await http()
      .post('/api/v1/nodes')
      .set(auth)
      .send({ name: 'manual', pod: 'light' })
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'ELASTICITY_ON' });
    expect(refused.body.message).toContain('cloud elasticity disable light');
    await http().post('/api/v1/pods/light/launch').set(auth).expect(409);
    const [node] = (await http().get('/api/v1/nodes?pod=light').set(auth)).body;
    await http().delete(`/api/v1/nodes/${node.name}`).set(auth).expect(409);
  });

  it('scales out while the CPU of the cap is above the upper threshold, one step a tick, up to the maximum', async () => {
    test.agent.cpuPercent = 27; // 0.27 CPU on a 0.3-CPU node: 90 % of its cap
    await tick(6);
    expect(await online()).toBe(4);
    const status = (await http().get('/api/v1/pods/light/elasticity').set(auth).expect(200)).body;
    expect(status.status).toMatchObject({
      metric: 'cpu',
      readyNodes: 4,
      desiredNodes: 4,
      reason: 'TooManyReplicas',
    });
  });

  it('scales back in to the minimum when the load is gone, explaining each step in the event log', async () => {
    test.agent.cpuPercent = 1.5;
    await tick(6);
    expect(await online()).toBe(1);
    const events = (await http().get('/api/v1/events?pod=light&limit=200').set(auth)).body as {
      type: string;
      message: string;
    }[];
    const outs = events.filter((e) => e.type === 'ScaleOut');
    const ins = events.filter((e) => e.type === 'ScaleIn');
    expect(outs.length).toBeGreaterThanOrEqual(3);
    expect(ins.length).toBe(3);
    expect(ins[0].message).toBe(
      'BelowLowerThreshold: cpu 5 below the lower threshold 20: 2 -> 1 nodes (cpu: 2 node(s) at 5.0 % of 0.3 CPU)',
    );
  });

  it('replaces a node that failed', async () => {
    const [node] = (await http().get('/api/v1/nodes?pod=light').set(auth)).body;
    const exit = {
      type: 'exited',
      nodeId: node.name,
      incarnation: node.incarnation,
      pod: 'light',
      exitCode: 1,
      signal: null,
      oomKilled: false,
      at: Date.now(),
    };
    await http()
      .post('/api/v1/agents/local/events')
      .set(test.agentAuth)
      .send({ events: [exit] })
      .expect(202);
    await tick(2);
    const nodes = (await http().get('/api/v1/nodes?pod=light').set(auth)).body as {
      name: string;
      status: string;
    }[];
    expect(nodes.map((n) => n.status)).toEqual(['ONLINE']);
    expect(nodes[0].name).not.toBe(node.name);
  });

  it('scales on the p90 of response times the balancer measured, and back in when nobody waits', async () => {
    await http()
      .put('/api/v1/pods/light/elasticity')
      .set(auth)
      .send({ metric: 'latencyP90', lower: 50, upper: 200, maxNodes: 2 })
      .expect(200);
    const slow = { windowMs: 10_000, samples: 200, p50Ms: 40, p90Ms: 600, p99Ms: 900 };
    test.lb.latencies.set('light', slow);
    await tick(3);
    expect(await online()).toBe(2);
    const status = (await http().get('/api/v1/pods/light/elasticity').set(auth).expect(200)).body;
    expect(status.status).toMatchObject({ metric: 'latencyP90', value: 600 });
    expect(status.status.detail).toBe(
      'p90 600 ms (p50 40, p99 900) over 200 timed requests in the last 10 s',
    );
    test.lb.latencies.delete('light');
    await tick(3);
    expect(await online()).toBe(1);
    // A balancer that does not time requests gives no reading, never a reassuring 0.
    test.lb.timesRequests = false;
    await tick();
    const unmeasured = (await http().get('/api/v1/pods/light/elasticity').set(auth).expect(200)).body;
    expect(unmeasured.status).toMatchObject({ metric: 'latencyP90', value: null });
    expect(unmeasured.status.detail).toContain('STRATO_LB_ACCESS_LOG=off');
    test.lb.timesRequests = true;
  });

  it('re-times the loop at runtime and lets manual operations back in once disabled', async () => {
    expect(
      (await http().put('/api/v1/elasticity/tick').set(auth).send({ tickMs: 0 }).expect(200)).body,
    ).toEqual({ tickMs: 0 });
    await http().post('/api/v1/pods/light/elasticity/disable').set(auth).expect(200);
    await http().post('/api/v1/nodes').set(auth).send({ name: 'manual', pod: 'light' }).expect(201);
  });
});
