import request from 'supertest';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { MetricsSampler } from './metrics-sampler';

describe('GET /api/v1/pods/{pod}/metrics', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());

  beforeAll(async () => {
    test = await createCloudTestApp({ STRATO_ELASTICITY_TICK_MS: '0' });
    await http().post('/api/v1/nodes').set(auth).send({ name: 'n1', pod: 'light' }).expect(201);
    await http().post('/api/v1/pods/light/launch').set(auth).expect(201);
    test.agent.cpuPercent = 6;
    await test.app.get(MetricsSampler).tick();
  });
  afterAll(() => test.close());

  it("answers the last 15 minutes by default, of the pod a seed alias names, with each node's series", async () => {
    const response = await http().get('/api/v1/pods/0/metrics').set(auth).expect(200);

    expect(response.body).toMatchObject({ pod: 'light', range: '15m', stepSeconds: 1, source: 'raw' });
    expect(response.body.points).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
        requestRate: 0,
        latencyP50Ms: null,
        latencyP99Ms: null,
        queue: 0,
        sessions: 0,
        http5xxRate: 0,
        nodes: { ready: 1, total: 1 },
        desiredNodes: null,
        cpuPercent: 20,
      },
    ]);
    expect(response.body.nodes).toEqual([
      { node: 'n1', points: [{ at: response.body.points[0].at, cpuPercent: 6, memoryBytes: 1 }] },
    ]);
  });

  it.each([
    ['1h', 4, 'raw'],
    ['6h', 60, 'minute'],
    ['24h', 120, 'minute'],
    ['7d', 900, 'minute'],
  ])('buckets range=%s in %d s steps from the %s rows', async (range, stepSeconds, source) => {
    const response = await http().get(`/api/v1/pods/light/metrics?range=${range}`).set(auth).expect(200);
    expect(response.body).toMatchObject({ pod: 'light', range, stepSeconds, source });
  });

  it.each(['2h', '', '15M', '15m,1h'])(
    'refuses range=%p with a 400 naming the field and the ranges',
    async (range) => {
      const response = await http()
        .get(`/api/v1/pods/light/metrics?range=${encodeURIComponent(range)}`)
        .set(auth)
        .expect(400);
      expect(response.body.details).toEqual([
        { field: 'range', reason: 'range must be one of 15m, 1h, 6h, 24h, 7d' },
      ]);
    },
  );

  it('refuses a query parameter it does not take', async () => {
    const response = await http().get('/api/v1/pods/light/metrics?since=3').set(auth).expect(400);
    expect(response.body.message).toContain('since');
  });

  it('answers 404 for an unknown pod and 401 without the owner token', async () => {
    const unknown = await http().get('/api/v1/pods/huge/metrics').set(auth).expect(404);
    expect(unknown.body.code).toBe('POD_NOT_FOUND');
    const refused = await http().get('/api/v1/pods/light/metrics').expect(401);
    expect(JSON.stringify(refused.body)).not.toContain('points');
  });
});
