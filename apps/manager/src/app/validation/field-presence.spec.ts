import request from 'supertest';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';

describe('optional is not nullable, required-nullable must be sent, booleans are booleans', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());

  beforeAll(async () => {
    test = await createCloudTestApp();
  });
  afterAll(() => test.close());

  it.each([
    ['/api/v1/pods/light', 'patch', { cpus: 0.4, maxNodes: null }, 'maxNodes'],
    ['/api/v1/pods/light/elasticity', 'put', { target: null }, 'target'],
  ])('refuses null for an optional field of %s, changing nothing', async (path, method, body, field) => {
    // The pod itself, or the elasticity policy (its status moves with the ticker).
    const view = async () => {
      const body = (await http().get(path).set(auth).expect(200)).body;
      return body.policy ?? body;
    };
    const before = await view();
    const refused = await (http() as unknown as Record<string, (p: string) => request.Test>)
      [method](path)
      .set(auth)
      .send(body)
      .expect(400);
    expect(refused.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await view()).toEqual(before);
  });

  it.each(['maybe', '1', ''])('refuses DELETE /pods/heavy?force=%j and keeps the pod', async (force) => {
    await http().delete(`/api/v1/pods/heavy?force=${force}`).set(auth).expect(400);
    await http().get('/api/v1/pods/heavy').set(auth).expect(200);
  });

  it('refuses a node exit report that leaves out the exit code or signal', async () => {
    const report = {
      type: 'exited',
      nodeId: 'n1',
      incarnation: 1,
      pod: 'light',
      signal: null,
      oomKilled: false,
      at: 1,
    };
    const refused = await http()
      .post('/api/v1/agents/local/events')
      .set(test.agentAuth)
      .send({ events: [report] })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('exitCode');
    await http()
      .post('/api/v1/agents/local/events')
      .set(test.agentAuth)
      .send({ events: [{ ...report, exitCode: null }] })
      .expect((response) => expect(response.status).not.toBe(400));
  });

  it.each([{}, { nodeId: 'n1' }, 'exited', [['exited']]])(
    'refuses node exit events given as %j (an array of objects or nothing)',
    async (events) => {
      const refused = await http()
        .post('/api/v1/agents/local/events')
        .set(test.agentAuth)
        .send({ events })
        .expect(400);
      expect(refused.body.details.map((d: { field: string }) => d.field)).toContain('events');
    },
  );
});
