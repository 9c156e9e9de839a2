import request from 'supertest';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { JobsRepository } from '../jobs/jobs.repository';

describe('removing a pod that has batch jobs (in-process)', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  const sleeper = (pod: string) => ({ pod, workload: { name: 'sleep', params: { seconds: 60 } } });
  const job = async (id: string) => (await http().get(`/api/v1/jobs/${id}`).set(auth).expect(200)).body;

  // The dispatcher is off: jobs stay as the test puts them.
  beforeEach(async () => {
    test = await createCloudTestApp({ STRATO_JOB_DISPATCH_MS: '0' });
    await http().post('/api/v1/pods').set(auth).send({ name: 'batch' }).expect(201);
  });
  afterEach(() => test.close());

  it('refuses while a job waits for the pod, naming the counts, and changes nothing', async () => {
    const queued = (await http().post('/api/v1/jobs').set(auth).send(sleeper('batch')).expect(201)).body;
    const refused = await http().delete('/api/v1/pods/batch').set(auth).expect(409);
    expect(refused.body).toMatchObject({
      code: 'POD_HAS_JOBS',
      message: expect.stringContaining('1 queued and 0 running'),
    });
    await http().get('/api/v1/pods/batch').set(auth).expect(200);
    expect(await job(queued.id)).toMatchObject({ status: 'QUEUED' });
  });

  it('with force, aborts its queued and running jobs with it; other pods keep theirs', async () => {
    await http().post('/api/v1/nodes').set(auth).send({ name: 'b1', pod: 'batch' }).expect(201);
    await http().post('/api/v1/pods/batch/launch').set(auth).expect(201);
    const submit = async (pod: string) =>
      (await http().post('/api/v1/jobs').set(auth).send(sleeper(pod)).expect(201)).body.id as string;
    const [running, queued, elsewhere] = [
      await submit('batch'),
      await submit('batch'),
      await submit('light'),
    ];
    expect(test.app.get(JobsRepository).startAttempt(running, 'b1')).toMatchObject({ status: 'RUNNING' });

    await http().delete('/api/v1/pods/batch?force=true').set(auth).expect(200);
    await http().get('/api/v1/pods/batch').set(auth).expect(404);
    expect(await job(queued)).toMatchObject({ status: 'ABORTED' });
    expect(await job(running)).toMatchObject({ status: 'RUNNING', abortRequested: true });
    expect(await job(elsewhere)).toMatchObject({ status: 'QUEUED', abortRequested: false });
    const events = (await http().get('/api/v1/events?pod=batch').set(auth).expect(200)).body as {
      message: string;
    }[];
    expect(events.map((e) => e.message)).toEqual(
      expect.arrayContaining([`job ${queued} aborted while queued (pod batch removed)`]),
    );
  });
});
