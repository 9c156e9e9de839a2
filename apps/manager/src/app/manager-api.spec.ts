import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FakeAgentClient } from '../testing/fake-agent-client';
import { RecordingLoadBalancer } from '../testing/recording-load-balancer';
import { AGENT_CLIENT } from './agents/agent-client';
import { AppModule } from './app.module';
import { loadManagerConfig } from './config/manager-config';
import { configureApp } from './configure-app';
import { LOAD_BALANCER } from './lb/load-balancer';

describe('manager API (in-process, fake agent and load balancer)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'strato-manager-'));
  const agent = new FakeAgentClient();
  const lb = new RecordingLoadBalancer();
  const token = 'owner-token-for-tests-123';
  let app: NestExpressApplication;
  const auth = { authorization: `Bearer ${token}` };

  beforeAll(async () => {
    const config = loadManagerConfig({
      STRATO_AGENT_TOKEN: 'a'.repeat(16),
      STRATO_LB: 'embedded',
      STRATO_DATA_DIR: dataDir,
      STRATO_OWNER_TOKEN: token,
      STRATO_NODE_HEALTH_TIMEOUT_MS: '2000',
      STRATO_RECONCILE_INTERVAL_MS: '60000',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] })
      .overrideProvider(AGENT_CLIENT)
      .useValue(agent)
      .overrideProvider(LOAD_BALANCER)
      .useValue(lb)
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureApp(app, join(dataDir, 'no-dashboard'));
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await agent.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());

  it('creates the three pods once', async () => {
    const first = await http().post('/api/v1/cloud/init').set(auth).expect(200);
    expect(first.body.created).toEqual(['light', 'medium', 'heavy']);
    const again = await http().post('/api/v1/cloud/init').set(auth).expect(200);
    expect(again.body.created).toEqual([]);
    expect(again.body.pods).toHaveLength(3);
    expect([...lb.members.keys()]).toEqual(['light', 'medium', 'heavy']);
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
    expect(launched.body).toMatchObject({ name: 'n1', status: 'ONLINE', host: '127.0.0.1' });
    expect(lb.members.get('light')).toEqual([
      { nodeId: 'n1', host: '127.0.0.1', port: launched.body.port, weight: 1 },
    ]);
    const pod = await http().get('/api/v1/pods/light').set(auth).expect(200);
    expect(pod.body.nodeCounts).toMatchObject({ ONLINE: 1, NEW: 0 });
  });

  it('marks a node FAILED with the reason when the agent cannot start it, and keeps it out of the load balancer', async () => {
    await http().post('/api/v1/nodes').set(auth).send({ name: 'n2', pod: 'light' }).expect(201);
    agent.failNext = 'no free port left in 20000-20000';
    const response = await http().post('/api/v1/pods/light/launch').set(auth).expect(503);
    expect(response.body.message).toBe('node n2 failed to start: no free port left in 20000-20000');
    const node = await http().get('/api/v1/nodes/n2').set(auth).expect(200);
    expect(node.body).toMatchObject({ status: 'FAILED', reason: 'no free port left in 20000-20000' });
    expect(lb.members.get('light')?.map((s) => s.nodeId)).toEqual(['n1']);
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
    const health = await http().get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', agent: 'up', loadBalancer: 'embedded' });
    await http().get('/api/v1/pods').expect(401);
  });

  it('serves the OpenAPI document with every route documented', async () => {
    const doc = await http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths).sort()).toEqual([
      '/api/health',
      '/api/v1/cloud/init',
      '/api/v1/nodes',
      '/api/v1/nodes/{name}',
      '/api/v1/pods',
      '/api/v1/pods/{pod}',
      '/api/v1/pods/{pod}/launch',
    ]);
  });

  it('serves a page at / even before the dashboard is built', async () => {
    const page = await http().get('/').expect(200);
    expect(page.text).toContain('npx nx build dashboard');
  });
});
