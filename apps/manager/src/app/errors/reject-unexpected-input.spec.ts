import request from 'supertest';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';

describe('bad input gets a 4xx naming the problem and changes nothing', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  const state = async () => ({
    pods: (await http().get('/api/v1/pods').set(auth).expect(200)).body,
    nodes: (await http().get('/api/v1/nodes').set(auth).expect(200)).body,
    events: (await http().get('/api/v1/events?limit=1000').set(auth).expect(200)).body.length,
  });
  let before: Awaited<ReturnType<typeof state>>;

  beforeAll(async () => {
    test = await createCloudTestApp();
    before = await state();
  });
  afterAll(() => test.close());
  afterEach(async () => expect(await state()).toEqual(before));

  it('refuses a body on a route that takes none, whatever its type', async () => {
    const json = await http().post('/api/v1/pods/light/pause').set(auth).send({ x: 1 }).expect(400);
    expect(json.body).toMatchObject({
      statusCode: 400,
      message: 'POST /api/v1/pods/:pod/pause takes no request body; send none',
    });
    await http().post('/api/v1/pods/light/pause').set(auth).type('text/plain').send('pause!').expect(400);
    await http().get('/api/v1/pods').set(auth).type('application/xml').send('<a/>').expect(400);
  });

  it('still takes a Content-Type header without a body, as the agent sends on heartbeats', async () => {
    await http()
      .post('/api/v1/agents/local/heartbeat')
      .set({ ...test.agentAuth, 'content-type': 'application/json' })
      .expect(204);
  });

  it('answers 415 to a form or text body on a JSON route, naming the type to use', async () => {
    const form = await http()
      .post('/api/v1/nodes')
      .set(auth)
      .type('form')
      .send('name=n9&pod=light')
      .expect(415);
    expect(form.body).toMatchObject({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: expect.stringContaining('Content-Type: application/json'),
    });
    await http().post('/api/v1/nodes').set(auth).type('text/plain').send('{"name":"n9"}').expect(415);
  });

  it('refuses a route that takes a body called without one, even if every field is optional', async () => {
    const response = await http().patch('/api/v1/pods/light').set(auth).expect(400);
    expect(response.body.message).toBe(
      'PATCH /api/v1/pods/:pod needs a JSON body (Content-Type: application/json)',
    );
  });

  it('refuses a JSON array, where every field of the object would be optional', async () => {
    const response = await http().patch('/api/v1/pods/light').set(auth).send([]).expect(400);
    expect(response.body.message).toBe('PATCH /api/v1/pods/:pod takes a JSON object, not an array');
  });

  it('refuses a body nested deeper than any DTO, which would overflow the validation pipe', async () => {
    const deep = `{"cpus":1,"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const response = await http().patch('/api/v1/pods/light').set(auth).type('json').send(deep).expect(400);
    expect(response.body.message).toMatch(/^the body nests deeper than 32 levels/);
  });

  it('refuses query parameters on a route that takes none', async () => {
    const response = await http().get('/api/v1/pods?verbose=1&x=2').set(auth).expect(400);
    expect(response.body.message).toBe(
      'unknown query parameter(s) "verbose", "x": GET /api/v1/pods takes none',
    );
    await http().post('/api/v1/pods/light/pause?force=true').set(auth).expect(400);
  });

  it.each(['__proto__', 'constructor', 'toString'])(
    'refuses a %s key, in the body or the query, that the validation pipe cannot see',
    async (key) => {
      const body = `{"name":"n9","pod":"light","${key}":{"x":1}}`;
      const response = await http().post('/api/v1/nodes').set(auth).type('json').send(body).expect(400);
      expect(response.body.message).toBe(`${key}: property ${key} should not exist`);
      await http().delete(`/api/v1/nodes/n9?${key}=1`).set(auth).expect(400);
      await http().get(`/api/v1/nodes?${key}=1`).set(auth).expect(400);
    },
  );

  it.each([
    ['a body over the limit', 413, 'application/json', Buffer.from(`{"name":"${'x'.repeat(200_000)}"}`)],
    ['an unknown charset', 415, 'application/json; charset=klingon', Buffer.from('{}')],
    ['too many form fields', 413, 'application/x-www-form-urlencoded', Buffer.from('a=1&'.repeat(1500))],
  ])('answers %s with %i in the house error body, not 500', async (_, status, type, body) => {
    const response = await http().post('/api/v1/nodes').set(auth).type(type).send(body).expect(status);
    expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String) });
  });

  it('answers an unknown or corrupt content encoding with 415 or 400, not 500', async () => {
    const post = () => http().post('/api/v1/nodes').set(auth).type('json');
    await post().set('content-encoding', 'klingon').send('{}').expect(415);
    await post().set('content-encoding', 'gzip').send('not gzip').expect(400);
  });
});
