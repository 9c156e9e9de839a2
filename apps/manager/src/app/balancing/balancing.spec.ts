import request from 'supertest';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { LoadBalancerUnavailableError } from '../lb/load-balancer-unavailable.error';

describe('load balancer API: status, algorithm, weights', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());

  beforeAll(async () => {
    test = await createCloudTestApp();
    await http().post('/api/v1/nodes').set(auth).send({ name: 'n1', pod: 'light' }).expect(201);
    await http().post('/api/v1/pods/light/launch').set(auth).expect(201);
  });
  afterAll(() => test.close());

  it('shows each pod with its algorithm and servers', async () => {
    const status = (await http().get('/api/v1/lb').set(auth).expect(200)).body;
    expect(status).toMatchObject({ kind: 'embedded', url: 'http://127.0.0.1:2' });
    const light = status.pods.find((p: { pod: string }) => p.pod === 'light');
    expect(light).toMatchObject({
      algorithm: 'roundrobin',
      paused: false,
      servers: [{ node: 'n1', weight: 1, health: 'up' }],
    });
  });

  it('changes a pod algorithm, keeping it in the store', async () => {
    const pod = await http()
      .put('/api/v1/pods/0/algorithm')
      .set(auth)
      .send({ algorithm: 'leastconn' })
      .expect(200);
    expect(pod.body).toMatchObject({ name: 'light', algorithm: 'leastconn' });
    const bad = await http()
      .put('/api/v1/pods/light/algorithm')
      .set(auth)
      .send({ algorithm: 'fastest' })
      .expect(400);
    expect(bad.body.message).toBe(
      'algorithm: algorithm must be one of roundrobin, leastconn, first, random, source, uri',
    );
    await http().put('/api/v1/pods/nope/algorithm').set(auth).send({ algorithm: 'first' }).expect(404);
    expect((await http().get('/api/v1/pods/light').set(auth)).body.algorithm).toBe('leastconn');
  });

  it('answers 503 saying so when the balancer cannot take a change, and keeps the store as it was', async () => {
    jest
      .spyOn(test.lb, 'upsertPod')
      .mockRejectedValueOnce(
        new LoadBalancerUnavailableError('apply the settings of pod light', 'HAPROXY_SOCKET'),
      );
    const refused = await http()
      .put('/api/v1/pods/light/algorithm')
      .set(auth)
      .send({ algorithm: 'first' })
      .expect(503);
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'LB_UNAVAILABLE' });
    expect(refused.body.message).toContain('try again in a moment');
    expect((await http().get('/api/v1/pods/light').set(auth)).body.algorithm).toBe('leastconn');
  });

  it('sets a node weight in the load balancer and the store', async () => {
    const node = await http().put('/api/v1/nodes/n1/weight').set(auth).send({ weight: 3 }).expect(200);
    expect(node.body).toMatchObject({ name: 'n1', weight: 3 });
    expect(test.lb.members.get('light')).toEqual([expect.objectContaining({ nodeId: 'n1', weight: 3 })]);
  });

  it.each([[-1], [257], [1.5], ['heavy']])('refuses weight %j with 400, changing nothing', async (weight) => {
    const response = await http().put('/api/v1/nodes/n1/weight').set(auth).send({ weight }).expect(400);
    expect(response.body.details[0].field).toBe('weight');
    expect((await http().get('/api/v1/nodes/n1').set(auth)).body.weight).toBe(3);
  });

  it('answers 404 for the weight of an unknown node', async () => {
    await http().put('/api/v1/nodes/ghost/weight').set(auth).send({ weight: 1 }).expect(404);
  });
});
