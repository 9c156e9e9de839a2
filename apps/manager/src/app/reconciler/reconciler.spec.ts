import request from 'supertest';
import {
  joinAuth,
  createCloudTestApp,
  createTestApp,
  ownerAuth as auth,
  type TestApp,
} from '../../testing/test-app';
import { DATABASE, type Db } from '../store/database';
import { Reconciler } from './reconciler';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const registration = {
  id: 'local',
  url: 'http://127.0.0.1:1',
  runtime: 'process',
  cores: 2,
  memoryBytes: 2 ** 34,
};

async function cloudWithOneNode(env: Record<string, string> = {}): Promise<TestApp> {
  const test = await createCloudTestApp(env);
  await request(test.app.getHttpServer())
    .post('/api/v1/nodes')
    .set(auth)
    .send({ name: 'n1', pod: 'light' })
    .expect(201);
  await request(test.app.getHttpServer()).post('/api/v1/pods/light/launch').set(auth).expect(201);
  return test;
}

const nodes = async (test: TestApp) =>
  (await request(test.app.getHttpServer()).get('/api/v1/nodes').set(auth)).body;

describe('Reconciler', () => {
  let test: TestApp;
  afterEach(() => test.close());

  it('removes a node that runs with no record (default policy)', async () => {
    test = await cloudWithOneNode();
    await test.agent.createNode({ nodeId: 'stray', incarnation: 1, pod: 'light', cpus: 0.3, memoryMiB: 100 });
    await test.app.get(Reconciler).pass();
    expect(test.agent.servers.has('stray')).toBe(false);
    expect((await nodes(test)).map((n: { name: string }) => n.name)).toEqual(['n1']);
  });

  it('adopts such a node into its pod and the load balancer when the policy says adopt', async () => {
    test = await cloudWithOneNode({ STRATO_ORPHAN_POLICY: 'adopt' });
    const stray = await test.agent.createNode({
      nodeId: 'stray',
      incarnation: 1,
      pod: 'light',
      cpus: 0.3,
      memoryMiB: 100,
    });
    await test.app.get(Reconciler).pass();
    expect(test.agent.servers.has('stray')).toBe(true);
    expect(await nodes(test)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'stray', status: 'ONLINE', agent: 'local', port: stray.port }),
      ]),
    );
    expect(test.lb.members.get('light')?.map((s) => s.nodeId)).toEqual(['n1', 'stray']);
  });

  it('turns an ONLINE node whose runtime vanished into FAILED and takes it out of the load balancer', async () => {
    test = await cloudWithOneNode();
    await test.agent.removeNode('n1');
    await test.app.get(Reconciler).pass();
    expect(await nodes(test)).toEqual([
      expect.objectContaining({ name: 'n1', status: 'FAILED', reason: 'node vanished from its host' }),
    ]);
    expect(test.lb.members.get('light')).toEqual([]);
  });

  it('does not wait for a silent agent: a pass takes its nodes out at once, even when asking it would hang', async () => {
    test = await cloudWithOneNode({ STRATO_AGENT_TIMEOUT_MS: '1000' });
    // A host cut off: no heartbeat, and a call to it never answers (no refusal either).
    test.app
      .get<Db>(DATABASE)
      .prepare('UPDATE agents SET last_seen_at = ?')
      .run(new Date(Date.now() - 5_000).toISOString());
    jest.spyOn(test.agent, 'listNodes').mockImplementation(() => new Promise(() => undefined));
    const pass = test.app.get(Reconciler).pass();
    const settled = await Promise.race([pass.then(() => 'done'), sleep(2_000).then(() => 'still waiting')]);
    expect(settled).toBe('done');
    expect(await nodes(test)).toEqual([expect.objectContaining({ name: 'n1', status: 'UNKNOWN' })]);
    expect(test.lb.members.get('light')).toEqual([]);
  });

  it('starts ONLINE nodes again when their agent registers without them (after a clean stop)', async () => {
    test = await cloudWithOneNode();
    const before = test.agent.servers.get('n1')?.view.port;
    await test.agent.removeNode('n1');
    await request(test.app.getHttpServer())
      .post('/api/v1/agents')
      .set(joinAuth)
      .send(registration)
      .expect(200);
    for (let i = 0; i < 50 && !test.agent.servers.has('n1'); i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(test.agent.servers.has('n1')).toBe(true);
    expect(await nodes(test)).toEqual([expect.objectContaining({ name: 'n1', status: 'ONLINE' })]);
    expect(test.lb.members.get('light')?.map((s) => s.port)).not.toContain(before);
  });

  it('rejects an unknown orphan policy at boot', async () => {
    await expect(createTestApp({ STRATO_ORPHAN_POLICY: 'keep' })).rejects.toThrow(
      'STRATO_ORPHAN_POLICY must be remove or adopt',
    );
    test = await createTestApp();
  });
});
