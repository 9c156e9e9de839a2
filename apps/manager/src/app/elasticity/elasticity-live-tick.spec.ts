import request from 'supertest';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { ElasticityTicker, LIVE_METRIC_TICK_MS } from './elasticity-ticker';

describe('elasticity on a live metric (queueDepth) between ticks', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  const evaluatedAt = async (pod: string): Promise<number | undefined> => {
    const at = (await http().get(`/api/v1/pods/${pod}/elasticity`).set(auth).expect(200)).body.status?.at;
    return at === undefined ? undefined : Date.parse(at);
  };

  beforeAll(async () => {
    // A tick so long that no pod is evaluated by it during the test.
    test = await createCloudTestApp({ STRATO_ELASTICITY_TICK_MS: '600000' });
  });
  afterAll(() => test.close());

  it(`evaluates a queueDepth pod every ${LIVE_METRIC_TICK_MS} ms, and a cpu pod only at the tick`, async () => {
    await http().put('/api/v1/pods/light/elasticity').set(auth).send({ metric: 'queueDepth' }).expect(200);
    await http().post('/api/v1/pods/light/elasticity/enable').set(auth).send({ minNodes: 1, maxNodes: 2 });
    await http().post('/api/v1/pods/medium/elasticity/enable').set(auth).send({ minNodes: 1, maxNodes: 2 });
    await new Promise((resolve) => setTimeout(resolve, 5 * LIVE_METRIC_TICK_MS));
    const first = await evaluatedAt('light');
    await new Promise((resolve) => setTimeout(resolve, 3 * LIVE_METRIC_TICK_MS));
    expect(first).toBeDefined();
    expect(await evaluatedAt('light')).toBeGreaterThan(first as number);
    expect(await evaluatedAt('medium')).toBeUndefined();
    await test.app.get(ElasticityTicker).idle();
  });
});
