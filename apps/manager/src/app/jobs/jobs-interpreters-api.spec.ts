import type { AgentRegistration, ScriptInterpreter } from '@strato/contracts';
import request from 'supertest';
import { joinAuth, createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';

describe('batch jobs API: a script only for an interpreter the nodes have', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  const submit = (body: object) => http().post('/api/v1/jobs').set(auth).send(body);
  const script = (interpreter: ScriptInterpreter) => ({
    pod: 'light',
    script: { interpreter, source: 'true' },
  });
  const allJobs = async () => (await http().get('/api/v1/jobs?limit=1000').set(auth).expect(200)).body;
  const register = (id: string, more: Partial<Record<keyof AgentRegistration, unknown>>) =>
    http()
      .post('/api/v1/agents')
      .set(joinAuth)
      .send({
        id,
        url: `http://127.0.0.1:1/${id}`,
        runtime: 'docker',
        cores: 2,
        memoryBytes: 2 ** 34,
        ...more,
      });

  // The cloud's own agent, `local`, registers without interpreters, as an agent older than them does.
  beforeEach(async () => {
    test = await createCloudTestApp({ STRATO_ELASTICITY_TICK_MS: '0', STRATO_JOB_DISPATCH_MS: '0' });
  });
  afterEach(() => test.close());

  it('takes any script while no agent says which interpreters its nodes have', async () => {
    await submit(script('python')).expect(201);
    await submit(script('sh')).expect(201);
  });

  it('refuses with 400 on script.interpreter, saying what the nodes have and what to do, and queues nothing', async () => {
    await register('vm-1', { interpreters: ['node'] }).expect(200);
    const before = await allJobs();
    const response = await submit({ ...script('python'), count: 3 }).expect(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      code: 'INVALID_JOB',
      details: { field: 'script.interpreter' },
      message:
        'script.interpreter: the nodes here have node only, not python; use it or a workload, ' +
        'or run nodes from an image with python (STRATO_NODE_IMAGE)',
    });
    expect(await allJobs()).toEqual(before);
  });

  it('takes a script whose interpreter some agent has, and a workload whatever the agents have', async () => {
    await register('vm-1', { interpreters: ['node'] }).expect(200);
    await register('vm-2', { runtime: 'process', interpreters: ['sh', 'node'] }).expect(200);
    await submit(script('node')).expect(201);
    await submit(script('sh')).expect(201);
    await submit({ pod: 'light', workload: { name: 'light' } }).expect(201);
    const refused = await submit(script('python')).expect(400);
    expect(refused.body.message).toBe(
      'script.interpreter: the nodes here have sh and node, not python; use one of them or a workload, ' +
        'or run nodes from an image with python (STRATO_NODE_IMAGE), ' +
        'or install python on the hosts of the process-runtime agents',
    );
  });

  it('goes by what an agent said last: one that registers again without interpreters is unknown again', async () => {
    await register('vm-1', { interpreters: ['node'] }).expect(200);
    await submit(script('sh')).expect(400);
    await register('vm-1', {}).expect(200);
    await submit(script('sh')).expect(201);
  });

  it('keeps what each agent said, and refuses an interpreter it does not know of', async () => {
    await register('vm-1', { interpreters: ['sh', 'node'] }).expect(200);
    const bad = await register('vm-2', { interpreters: ['bash'] }).expect(400);
    expect(bad.body.message).toMatch(/interpreters must each be one of sh, node, python/);
    const agents = (await http().get('/api/v1/agents').set(auth).expect(200)).body;
    expect(agents.map((agent: AgentRegistration) => [agent.id, agent.interpreters])).toEqual([
      ['local', undefined],
      ['vm-1', ['sh', 'node']],
    ]);
  });
});
