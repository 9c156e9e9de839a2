import request from 'supertest';
import { manualTicks } from '../../testing/manual-ticks';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { JobsRepository } from '../jobs/jobs.repository';
import { ElasticityTicker } from './elasticity-ticker';

interface JobView {
  id: string;
  status: string;
}

describe('elasticity on the batch-job backlog (in-process)', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  const tick = manualTicks(() => test.app.get(ElasticityTicker));
  const online = async (): Promise<string[]> =>
    ((await http().get('/api/v1/nodes?pod=light').set(auth)).body as { name: string; status: string }[])
      .filter((n) => n.status === 'ONLINE')
      .map((n) => n.name);
  const submit = async (body: object): Promise<JobView[]> => {
    const answer = (await http().post('/api/v1/jobs').set(auth).send(body).expect(201)).body as
      | JobView
      | JobView[];
    return Array.isArray(answer) ? answer : [answer];
  };
  const sleeper = { pod: 'light', workload: { name: 'sleep', params: { seconds: 60 } } };
  const status = async () =>
    (await http().get('/api/v1/pods/light/elasticity').set(auth).expect(200)).body.status as {
      value: number;
      detail: string;
      desiredNodes: number;
    };

  // The dispatcher is off: the test starts and ends attempts itself, so the backlog is exactly what it says.
  beforeEach(async () => {
    test = await createCloudTestApp({ STRATO_ELASTICITY_TICK_MS: '0', STRATO_JOB_DISPATCH_MS: '0' });
    await http().post('/api/v1/pods/light/elasticity/enable').set(auth).send({ minNodes: 1, maxNodes: 6 });
    await http()
      .put('/api/v1/pods/light/elasticity')
      .set(auth)
      .send({
        kind: 'target-tracking',
        metric: 'jobBacklog',
        target: 1,
        scaleInStabilizationMs: 0,
        windowMs: 1000,
      })
      .expect(200);
    await tick(2);
    expect(await online()).toHaveLength(1);
  });
  afterEach(() => test.close());

  it('grows to a node per job, counting the running ones, then shrinks back once they end', async () => {
    const queued = await submit({ ...sleeper, count: 4 });
    const jobs = test.app.get(JobsRepository);
    const [first] = await online();
    expect(jobs.startAttempt(queued[0].id, first)).toMatchObject({ status: 'RUNNING' });
    await tick(1);
    // 1 running + 3 queued over 1 slot: 4 per slot; a queue-only count (KEDA's) would say 3.
    expect(await status()).toMatchObject({ value: 4, desiredNodes: 4 });
    await tick(3);
    expect(await online()).toHaveLength(4);
    expect((await status()).value).toBe(1);

    for (const job of queued.slice(1))
      await http().post(`/api/v1/jobs/${job.id}/abort`).set(auth).expect(200);
    const attemptId = jobs.find(queued[0].id)?.attemptId as string;
    expect(jobs.endAttempt(queued[0].id, { attemptId, status: 'SUCCEEDED', exitCode: 0 })).toMatchObject({
      applied: true,
    });
    await tick(4);
    expect((await status()).value).toBe(0);
    expect(await online()).toHaveLength(1);
  });

  it("counts an array's tasks only up to its parallelism: more nodes would not start them", async () => {
    await submit({ ...sleeper, count: 10, parallelism: 2 });
    await tick(3);
    const reading = await status();
    expect(reading).toMatchObject({ desiredNodes: 2 });
    expect(reading.detail).toContain('8 more held back');
    expect(await online()).toHaveLength(2);
  });
});
