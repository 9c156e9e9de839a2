import { MAX_SCRIPT_BYTES } from '@strato/contracts';
import request from 'supertest';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { EventsRepository } from '../events/events.repository';
import { JobsRepository } from './jobs.repository';

describe('batch jobs API', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  const submit = (body: unknown) =>
    http()
      .post('/api/v1/jobs')
      .set(auth)
      .send(body as object);
  const allJobs = async () => (await http().get('/api/v1/jobs?limit=1000').set(auth).expect(200)).body;

  beforeAll(
    async () =>
      (test = await createCloudTestApp({ STRATO_ELASTICITY_TICK_MS: '0', STRATO_JOB_DISPATCH_MS: '0' })),
  );
  afterAll(() => test.close());

  it('queues a workload with its defaults filled in, and announces it', async () => {
    const response = await submit({ pod: 'heavy', workload: { name: 'heavy' } }).expect(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^job-[0-9a-f]{8}$/),
      pod: 'heavy',
      workload: { name: 'heavy', params: { scale: 1 } },
      script: null,
      status: 'QUEUED',
      timeoutS: 3600,
      priority: 0,
      retry: { maxRetries: 2, backoffBaseMs: 1000, backoffMaxMs: 60000, rules: [] },
      array: null,
      attempt: 0,
      node: null,
      abortRequested: false,
      attempts: [],
    });
    expect((await http().get(`/api/v1/jobs/${response.body.id}`).set(auth).expect(200)).body).toEqual(
      response.body,
    );
    const [event] = test.app.get(EventsRepository).list({ type: 'JobQueued', limit: 1 });
    expect(event).toMatchObject({
      pod: 'heavy',
      message: `job ${response.body.id} (heavy) queued on pod heavy`,
    });
  });

  it('queues a script on a pod named by its alias, without echoing the source', async () => {
    const script = { interpreter: 'python', source: 'print("é")', args: ['x'], env: { GREETING: 'hi' } };
    const response = await submit({
      pod: '0',
      script,
      timeoutS: 30,
      priority: 5,
      retry: {
        maxRetries: 1,
        rules: [
          { onExitCodes: [2], action: 'FailJob' },
          { onReasons: ['NodeLost'], action: 'Retry' },
        ],
      },
    }).expect(201);
    expect(response.body).toMatchObject({
      pod: 'light',
      workload: null,
      script: { interpreter: 'python', sourceBytes: 11, args: ['x'], env: { GREETING: 'hi' } },
      timeoutS: 30,
      priority: 5,
      retry: {
        maxRetries: 1,
        rules: [
          { onExitCodes: [2], action: 'FailJob' },
          { onReasons: ['NodeLost'], action: 'Retry' },
        ],
      },
    });
    expect(response.body.script.source).toBeUndefined();
  });

  it('takes a script up to its 256 KiB limit, over the 100 kB other routes take', async () => {
    await submit({
      pod: 'light',
      script: { interpreter: 'sh', source: 'x'.repeat(MAX_SCRIPT_BYTES) },
    }).expect(201);
  });

  it('submits an array as its tasks, indexed, parallelism at most the count', async () => {
    const response = await submit({
      pod: 'medium',
      workload: { name: 'sleep', params: { seconds: 1 } },
      count: 3,
      parallelism: 9,
    }).expect(201);
    expect(response.body).toHaveLength(3);
    const arrayId = response.body[0].array.id;
    expect(response.body.map((j: { id: string; array: object }) => [j.id, j.array])).toEqual(
      [0, 1, 2].map((index) => [`${arrayId}-${index}`, { id: arrayId, index, count: 3, parallelism: 3 }]),
    );
    const listed = await http().get(`/api/v1/jobs?array=${arrayId}`).set(auth).expect(200);
    expect(listed.body.map((j: { id: string }) => j.id)).toEqual(
      response.body.map((j: { id: string }) => j.id),
    );
  });

  it('lists by pod and status, paged', async () => {
    const all = await allJobs();
    const light = await http().get('/api/v1/jobs?pod=light&status=QUEUED').set(auth).expect(200);
    expect(light.body.length).toBe(all.filter((j: { pod: string }) => j.pod === 'light').length);
    const page = await http().get('/api/v1/jobs?limit=2&offset=1').set(auth).expect(200);
    expect(page.body).toEqual(all.slice(1, 3));
    expect((await http().get('/api/v1/jobs?node=nowhere').set(auth).expect(200)).body).toEqual([]);
  });

  it('lists the workload catalogue', async () => {
    const response = await http().get('/api/v1/jobs/workloads').set(auth).expect(200);
    expect(response.body.map((w: { name: string }) => w.name)).toEqual(['light', 'medium', 'heavy', 'sleep']);
  });

  describe('abort', () => {
    const abort = (id: string) => http().post(`/api/v1/jobs/${id}/abort`).set(auth);

    it('ends a queued job ABORTED at once, and answers a second abort with it, unchanged', async () => {
      const { body: job } = await submit({ pod: 'light', workload: { name: 'light' } }).expect(201);
      const first = await abort(job.id).expect(200);
      expect(first.body).toMatchObject({
        status: 'ABORTED',
        reason: 'Aborted',
        finishedAt: expect.any(String),
      });
      expect((await abort(job.id).expect(200)).body).toEqual(first.body);
    });

    it('marks a running job for the dispatcher to kill', async () => {
      const { body: job } = await submit({ pod: 'light', workload: { name: 'light' } }).expect(201);
      test.app.get(JobsRepository).startAttempt(job.id, 'n1');
      const response = await abort(job.id).expect(200);
      expect(response.body).toMatchObject({
        status: 'RUNNING',
        abortRequested: true,
        node: 'n1',
        attempts: [{ attempt: 1, node: 'n1', agent: null, endedAt: null, reason: null }],
      });
    });

    it('answers 409 naming the final state of a finished job, 404 for an unknown one', async () => {
      const { body: job } = await submit({ pod: 'light', workload: { name: 'light' } }).expect(201);
      const jobs = test.app.get(JobsRepository);
      const attemptId = jobs.startAttempt(job.id, 'n1')?.attemptId as string;
      jobs.endAttempt(job.id, { attemptId, status: 'SUCCEEDED', exitCode: 0 });
      const refused = await abort(job.id).expect(409);
      expect(refused.body).toMatchObject({
        code: 'JOB_FINISHED',
        message: expect.stringContaining('SUCCEEDED'),
      });
      expect((await abort('job-00000000').expect(404)).body.code).toBe('JOB_NOT_FOUND');
      await http().get('/api/v1/jobs/job-00000000').set(auth).expect(404);
    });
  });

  describe('bad input gets a 4xx naming the problem and queues nothing', () => {
    let before: unknown[];
    beforeEach(async () => (before = await allJobs()));
    afterEach(async () => expect(await allJobs()).toEqual(before));

    const workload = { name: 'light' };
    it.each<[string, object, number, RegExp]>([
      [
        'an unknown pod',
        { pod: 'huge', workload },
        404,
        /unknown pod "huge"; known pods: light, medium, heavy/,
      ],
      [
        'an unknown workload',
        { pod: 'light', workload: { name: 'mine' } },
        400,
        /catalogue: light, medium, heavy, sleep/,
      ],
      [
        'an unknown parameter',
        { pod: 'light', workload: { name: 'sleep', params: { ms: 1 } } },
        400,
        /workload\.params\.ms: workload sleep takes only seconds/,
      ],
      [
        'a parameter out of range',
        { pod: 'light', workload: { name: 'heavy', params: { scale: 11 } } },
        400,
        /workload\.params\.scale: must be in \[0\.01, 10\], got 11/,
      ],
      [
        'a parameter not a number',
        { pod: 'light', workload: { name: 'heavy', params: { scale: '2' } } },
        400,
        /workload\.params: params must be an object of numbers/,
      ],
      [
        'neither workload nor script',
        { pod: 'light' },
        400,
        /give a workload \(one of light, medium, heavy, sleep\) or a script/,
      ],
      [
        'both workload and script',
        { pod: 'light', workload, script: { interpreter: 'sh', source: 'true' } },
        400,
        /either workload or script, not both/,
      ],
      [
        'a workload given as an array',
        { pod: 'light', workload: [] },
        400,
        /workload: workload must be an object/,
      ],
      [
        'a negative timeout',
        { pod: 'light', workload, timeoutS: -1 },
        400,
        /timeoutS: timeoutS must not be less than 1/,
      ],
      [
        'a fractional timeout',
        { pod: 'light', workload, timeoutS: 1.5 },
        400,
        /timeoutS: timeoutS must be an integer/,
      ],
      [
        'an interpreter not offered',
        { pod: 'light', script: { interpreter: 'bash', source: 'true' } },
        400,
        /script\.interpreter: interpreter must be one of sh, node, python/,
      ],
      [
        'a script over the limit',
        { pod: 'light', script: { interpreter: 'sh', source: 'é'.repeat(MAX_SCRIPT_BYTES / 2 + 1) } },
        400,
        /script\.source: source is 262146 bytes, over the limit of 262144 bytes \(256 KiB\)/,
      ],
      [
        'a reserved environment name',
        { pod: 'light', script: { interpreter: 'sh', source: 'true', env: { STRATO_JOB_INDEX: '3' } } },
        400,
        /none starting with STRATO_ \(reserved\)/,
      ],
      [
        'a retry rule that matches nothing',
        { pod: 'light', workload, retry: { rules: [{ action: 'Retry' }] } },
        400,
        /retry\.rules\.0: a rule needs onExitCodes or onReasons/,
      ],
      [
        'an unknown retry reason',
        { pod: 'light', workload, retry: { rules: [{ onReasons: ['Bored'], action: 'Retry' }] } },
        400,
        /retry\.rules\.0\.onReasons/,
      ],
      ['a count of 0', { pod: 'light', workload, count: 0 }, 400, /count: count must not be less than 1/],
      ['an unknown field', { pod: 'light', workload, gpu: true }, 400, /property gpu should not exist/],
      [
        'a null field',
        { pod: 'light', workload, priority: null },
        400,
        /priority: priority must be an integer/,
      ],
    ])('refuses %s', async (_, body, status, message) => {
      const response = await submit(body).expect(status);
      expect(response.body).toMatchObject({ statusCode: status, message: expect.stringMatching(message) });
    });

    it('answers 413 with the limit to a body over it', async () => {
      const source = 'x'.repeat(2 * MAX_SCRIPT_BYTES);
      const response = await submit({ pod: 'light', script: { interpreter: 'sh', source } }).expect(413);
      expect(response.body.message).toMatch(/at most 524288 bytes/);
    });

    it.each([
      ['status=DONE', /status must be one of QUEUED/],
      ['limit=0', /limit/],
      ['offset=-1', /offset/],
      ['sort=id', /property sort should not exist/],
    ])('refuses the query %s', async (query, message) => {
      const response = await http().get(`/api/v1/jobs?${query}`).set(auth).expect(400);
      expect(response.body.message).toMatch(message);
    });
  });

  it("answers 429 with the queue's length when the pod's queue is full, queuing none of the batch", async () => {
    const queued = (await allJobs()).filter(
      (j: { pod: string; status: string }) => j.pod === 'heavy' && j.status === 'QUEUED',
    ).length;
    await submit({ pod: 'heavy', workload: { name: 'heavy' }, count: 1000 - queued }).expect(201);
    const full = await submit({ pod: 'heavy', workload: { name: 'heavy' }, count: 2 }).expect(429);
    expect(full.body).toMatchObject({
      statusCode: 429,
      code: 'POD_QUEUE_FULL',
      details: { pod: 'heavy', queued: 1000, limit: 1000, adding: 2 },
      message: expect.stringContaining('holds 1000 of at most 1000 queued jobs'),
    });
    await submit({ pod: 'light', workload: { name: 'light' } }).expect(201);
  });
});
