import request from 'supertest';
import {
  AGENT_TOKEN_FOR_TESTS,
  createTestApp,
  OWNER_TOKEN_FOR_TESTS,
  type TestApp,
} from '../testing/test-app';

describe('manager API (in-process, fake agent and load balancer)', () => {
  let test: TestApp;
  const auth = { authorization: `Bearer ${OWNER_TOKEN_FOR_TESTS}` };
  const joinAuth = { 'x-strato-agent-token': AGENT_TOKEN_FOR_TESTS };
  /** The local agent's own credential, once it joined. */
  let asAgent: Record<string, string> = {};

  beforeAll(async () => {
    test = await createTestApp();
  });

  afterAll(() => test.close());

  const http = () => request(test.app.getHttpServer());

  it('refuses to launch before any agent registered, and changes nothing', async () => {
    await http().post('/api/v1/cloud/init').set(auth).expect(200);
    await http().post('/api/v1/nodes').set(auth).send({ name: 'n0', pod: 'medium' }).expect(201);
    const refused = await http().post('/api/v1/pods/medium/launch').set(auth).expect(503);
    expect(refused.body.code).toBe('NO_AGENT');
    expect((await http().get('/api/v1/nodes/n0').set(auth)).body.status).toBe('NEW');
    await http().delete('/api/v1/nodes/n0').set(auth).expect(200);
  });

  it('lets agents join only with the join token, then call with their own credential', async () => {
    const registration = {
      id: 'local',
      url: 'http://127.0.0.1:1',
      runtime: 'process',
      cores: 2,
      memoryBytes: 2 ** 34,
    };
    await http().post('/api/v1/agents').send(registration).expect(401);
    await http().post('/api/v1/agents').set(auth).send(registration).expect(403);
    await http()
      .post('/api/v1/agents')
      .set(joinAuth)
      .send({ ...registration, url: 'not a url' })
      .expect(400);
    const registered = await http().post('/api/v1/agents').set(joinAuth).send(registration).expect(200);
    expect(registered.body).toMatchObject({ id: 'local', runtime: 'process' });
    expect(registered.body.credential).toMatch(/^local:1:[\w-]{43}$/);
    asAgent = { 'x-strato-agent-token': registered.body.credential };
    await http().post('/api/v1/agents/local/heartbeat').set(asAgent).expect(204);
    await http().post('/api/v1/agents/local/heartbeat').set(joinAuth).expect(401);
    await http().post('/api/v1/agents/ghost/heartbeat').set(asAgent).expect(403);
    expect((await http().get('/api/v1/agents').set(auth).expect(200)).body).toHaveLength(1);
  });

  it('creates the three pods once', async () => {
    const again = await http().post('/api/v1/cloud/init').set(auth).expect(200);
    expect(again.body.created).toEqual([]);
    expect(again.body.pods).toHaveLength(3);
    expect([...test.lb.members.keys()]).toEqual(['light', 'medium', 'heavy']);
  });

  it('resolves the seed aliases 0/1/2', async () => {
    const pod = await http().get('/api/v1/pods/2').set(auth).expect(200);
    expect(pod.body).toMatchObject({
      name: 'heavy',
      cpus: 0.8,
      memoryMiB: 500,
      maxNodes: 10,
      path: '/heavy',
    });
  });

  it('registers, launches (health-gated, then into the load balancer) and lists a node', async () => {
    await http().post('/api/v1/nodes').set(auth).send({ name: 'n1', pod: 'light' }).expect(201);
    const launched = await http().post('/api/v1/pods/light/launch').set(auth).expect(201);
    expect(launched.body).toMatchObject({ name: 'n1', status: 'ONLINE', host: '127.0.0.1', agent: 'local' });
    expect(test.lb.members.get('light')).toEqual([
      { nodeId: 'n1', host: '127.0.0.1', port: launched.body.port, weight: 1, maxConnections: 8 },
    ]);
    const pod = await http().get('/api/v1/pods/light').set(auth).expect(200);
    expect(pod.body.nodeCounts).toMatchObject({ ONLINE: 1, NEW: 0 });
  });

  it('marks a node FAILED with the reason when the agent cannot start it, and keeps it out of the load balancer', async () => {
    await http().post('/api/v1/nodes').set(auth).send({ name: 'n2', pod: 'light' }).expect(201);
    test.agent.failNext = 'no free port left in 20000-20000';
    const response = await http().post('/api/v1/pods/light/launch').set(auth).expect(503);
    expect(response.body.message).toBe('node n2 failed to start: no free port left in 20000-20000');
    const node = await http().get('/api/v1/nodes/n2').set(auth).expect(200);
    expect(node.body).toMatchObject({ status: 'FAILED', reason: 'no free port left in 20000-20000' });
    expect(test.lb.members.get('light')?.map((s) => s.nodeId)).toEqual(['n1']);
  });

  it('turns a node that dies into FAILED with the reason and takes it out of the load balancer', async () => {
    await http().post('/api/v1/nodes').set(auth).send({ name: 'm1', pod: 'medium' }).expect(201);
    await http().post('/api/v1/pods/medium/launch').set(auth).expect(201);
    expect(test.lb.members.get('medium')?.map((s) => s.nodeId)).toEqual(['m1']);
    const exit = {
      type: 'exited',
      nodeId: 'm1',
      incarnation: 1,
      pod: 'medium',
      exitCode: 137,
      signal: null,
      oomKilled: true,
      at: Date.now(),
    };
    await http()
      .post('/api/v1/agents/local/events')
      .set(asAgent)
      .send({ events: [exit] })
      .expect(202);
    const node = await http().get('/api/v1/nodes/m1').set(auth).expect(200);
    expect(node.body).toMatchObject({
      status: 'FAILED',
      reason: 'OOM-killed: went past its memory limit of 300 MiB',
    });
    expect(test.lb.members.get('medium')).toEqual([]);
  });

  it('pauses and resumes a pod: its nodes leave rotation and come back', async () => {
    const paused = await http().post('/api/v1/pods/0/pause').set(auth).expect(200);
    expect(paused.body).toMatchObject({
      name: 'light',
      state: 'paused',
      nodeCounts: { PAUSED: 1, ONLINE: 0 },
    });
    await http().post('/api/v1/pods/light/pause').set(auth).expect(200);
    const resumed = await http().post('/api/v1/pods/light/resume').set(auth).expect(200);
    expect(resumed.body).toMatchObject({ state: 'running', nodeCounts: { PAUSED: 0, ONLINE: 1 } });
    await http().post('/api/v1/pods/nope/pause').set(auth).expect(404);
  });

  it('serves node logs through its agent', async () => {
    const logs = await http().get('/api/v1/nodes/n1/logs?tail=5').set(auth).expect(200);
    expect(logs.body).toEqual({ node: 'n1', logs: 'job server n1 started\n' });
    await http().get('/api/v1/nodes/n1/logs?tail=0').set(auth).expect(400);
  });

  it('removes a node: drained out of the load balancer, off its agent, out of the store', async () => {
    await http().delete('/api/v1/nodes/n1?pod=heavy').set(auth).expect(404);
    await http().delete('/api/v1/nodes/n1?pod=0').set(auth).expect(200);
    expect(test.lb.members.get('light')).toEqual([]);
    expect(test.agent.servers.has('n1')).toBe(false);
    await http().get('/api/v1/nodes/n1').set(auth).expect(404);
    await http().delete('/api/v1/nodes/n1').set(auth).expect(404);
  });

  it('refuses to register past the pod maximum', async () => {
    await http().post('/api/v1/cloud/init').set(auth);
    const full = await http().post('/api/v1/nodes').set(auth).send({ name: 'h1', pod: 'heavy' }).expect(201);
    expect(full.body.status).toBe('NEW');
    for (let i = 2; i <= 10; i++)
      await http()
        .post('/api/v1/nodes')
        .set(auth)
        .send({ name: `h${i}`, pod: 'heavy' })
        .expect(201);
    const refused = await http()
      .post('/api/v1/nodes')
      .set(auth)
      .send({ name: 'h11', pod: 'heavy' })
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'POD_FULL',
      message: 'pod heavy already has its maximum of 10 nodes; remove one first',
    });
  });

  it('answers health without a token, everything else only with it', async () => {
    expect((await http().get('/api/health').expect(200)).body).toEqual({ status: 'up' });
    const health = await http().get('/api/health').set(auth).expect(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      details: {
        store: { status: 'up' },
        agents: { status: 'up', agents: [{ id: 'local', status: 'up' }], answering: 1 },
        loadBalancer: { status: 'up', kind: 'embedded' },
      },
    });
    await http().get('/api/v1/pods').expect(401);
  });

  it('serves the OpenAPI document with every route documented', async () => {
    const doc = await http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths).sort()).toEqual([
      '/api/health',
      '/api/v1/agents',
      '/api/v1/agents/{id}/credential',
      '/api/v1/agents/{id}/events',
      '/api/v1/agents/{id}/heartbeat',
      '/api/v1/agents/{id}/readmit',
      '/api/v1/agents/{id}/revoke',
      '/api/v1/cloud/init',
      '/api/v1/cloud/status',
      '/api/v1/elasticity',
      '/api/v1/elasticity/tick',
      '/api/v1/events',
      '/api/v1/jobs',
      '/api/v1/jobs/workloads',
      '/api/v1/jobs/{id}',
      '/api/v1/jobs/{id}/abort',
      '/api/v1/jobs/{id}/logs',
      '/api/v1/lb',
      '/api/v1/nodes',
      '/api/v1/nodes/{name}',
      '/api/v1/nodes/{name}/logs',
      '/api/v1/nodes/{name}/weight',
      '/api/v1/pods',
      '/api/v1/pods/{pod}',
      '/api/v1/pods/{pod}/algorithm',
      '/api/v1/pods/{pod}/elasticity',
      '/api/v1/pods/{pod}/elasticity/disable',
      '/api/v1/pods/{pod}/elasticity/enable',
      '/api/v1/pods/{pod}/launch',
      '/api/v1/pods/{pod}/metrics',
      '/api/v1/pods/{pod}/pause',
      '/api/v1/pods/{pod}/resume',
      '/api/v1/pods/{pod}/usage',
      '/api/v1/stream',
    ]);
  });

  it('serves a page at / even before the dashboard is built', async () => {
    const page = await http().get('/').expect(200);
    expect(page.text).toContain('npx nx build dashboard');
  });
});
