import request from 'supertest';
import { manualTicks } from '../../testing/manual-ticks';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { JobsRepository } from '../jobs/jobs.repository';
import { ElasticityTicker } from './elasticity-ticker';

describe('elasticity scale-in and batch jobs (in-process)', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  const online = async (): Promise<string[]> =>
    ((await http().get('/api/v1/nodes?pod=light').set(auth)).body as { name: string; status: string }[])
      .filter((n) => n.status === 'ONLINE')
      .map((n) => n.name);

  beforeAll(async () => {
    test = await createCloudTestApp({ STRATO_ELASTICITY_TICK_MS: '0', STRATO_JOB_DISPATCH_MS: '0' });
  });
  afterAll(() => test.close());

  it('never scales in a node that runs a batch job: the idle one goes, the busy one stays', async () => {
    const tick = manualTicks(() => test.app.get(ElasticityTicker));
    await http().post('/api/v1/pods/light/elasticity/enable').set(auth).send({ minNodes: 1, maxNodes: 3 });
    const policy = {
      metric: 'cpu',
      lower: 20,
      upper: 60,
      scaleOutCooldownMs: 0,
      scaleInCooldownMs: 0,
      windowMs: 1000,
    };
    await http().put('/api/v1/pods/light/elasticity').set(auth).send(policy).expect(200);
    test.agent.cpuPercent = 27;
    await tick(3);
    expect(await online()).toHaveLength(3);
    const submitted = await http()
      .post('/api/v1/jobs')
      .set(auth)
      .send({ pod: 'light', workload: { name: 'sleep', params: { seconds: 60 } } })
      .expect(201);
    const busy = (await online())[2];
    expect(test.app.get(JobsRepository).startAttempt(submitted.body.id, busy)).toMatchObject({
      status: 'RUNNING',
      node: busy,
    });
    test.agent.cpuPercent = 1;
    await tick(4);
    expect(await online()).toEqual([busy]);
  });
});
