import { createStratoClient, type StratoClient } from '@strato/api-client';
import { cloud } from './support/cli';
import { type RunningCloud, startCloud } from './support/cloud-harness';

describe('bad input gets a clear error and changes nothing', () => {
  let running: RunningCloud;
  let api: StratoClient;

  beforeAll(async () => {
    running = await startCloud({ runtime: 'process', lb: 'embedded' });
    api = createStratoClient({ baseUrl: running.managerUrl, token: running.token });
    await api.POST('/api/v1/cloud/init');
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
  });

  it('cloud register with an unknown pod names the known pods and exits non-zero', async () => {
    const result = await cloud(['register', 'n1', 'nosuchpod'], running.cliEnv);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: unknown pod "nosuchpod"; known pods: light, medium, heavy\n');
    expect((await api.GET('/api/v1/nodes')).data).toEqual([]);
  });

  it('cloud without a token says where to find one', async () => {
    const result = await cloud(['pod', 'ls'], {
      STRATO_URL: running.managerUrl,
      STRATO_TOKEN: '',
      STRATO_TOKEN_FILE: '/nonexistent',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing owner token');
  });

  it('cloud launch of a pod with no NEW node answers 409 with what to do', async () => {
    const result = await cloud(['launch', 'medium'], running.cliEnv);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pod medium has no NEW node to launch; register one first');
  });

  it('answers 400 naming the field for an invalid node name, and stores nothing', async () => {
    const { error, response } = await api.POST('/api/v1/nodes', {
      body: { name: 'Bad Name!', pod: 'light' },
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      details: [expect.objectContaining({ field: 'name' })],
    });
    expect((await api.GET('/api/v1/nodes')).data).toEqual([]);
  });

  it('answers 400 for unknown fields', async () => {
    const { response, error } = await api.POST('/api/v1/nodes', {
      body: { name: 'n2', pod: 'light', cpus: 9 } as never,
    });
    expect(response.status).toBe(400);
    expect((error as { message: string }).message).toContain('property cpus should not exist');
  });

  it('answers 404 with a JSON body for an unknown pod or node', async () => {
    const pod = await api.GET('/api/v1/pods/{pod}', { params: { path: { pod: 'nope' } } });
    expect(pod.response.status).toBe(404);
    expect(pod.error).toMatchObject({
      code: 'POD_NOT_FOUND',
      message: 'unknown pod "nope"; known pods: light, medium, heavy',
    });
    const node = await api.GET('/api/v1/nodes/{name}', { params: { path: { name: 'ghost' } } });
    expect(node.response.status).toBe(404);
    expect(node.error).toMatchObject({ code: 'NODE_NOT_FOUND' });
  });

  it('answers 409 for a duplicate node name', async () => {
    expect((await api.POST('/api/v1/nodes', { body: { name: 'dup', pod: '0' } })).response.status).toBe(201);
    const again = await api.POST('/api/v1/nodes', { body: { name: 'dup', pod: 'heavy' } });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: 'NODE_NAME_TAKEN' });
  });

  it('answers 401 without a token or with a wrong one, 404 JSON for unknown API paths', async () => {
    expect((await fetch(`${running.managerUrl}/api/v1/pods`)).status).toBe(401);
    const wrong = await fetch(`${running.managerUrl}/api/v1/pods`, {
      headers: { authorization: 'Bearer wrong-token' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      statusCode: 401,
      message: expect.stringContaining('wrong owner token'),
    });
    const unknown = await fetch(`${running.managerUrl}/api/v1/nothing`, {
      headers: { authorization: `Bearer ${running.token}` },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: 404 });
  });

  it('never answers a malformed JSON body with a 500', async () => {
    const response = await fetch(`${running.managerUrl}/api/v1/nodes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${running.token}`, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400 });
  });
});
