import request from 'supertest';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';

describe('pods, events and status API', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());

  beforeAll(async () => {
    test = await createCloudTestApp({}, false);
  });
  afterAll(() => test.close());

  it('registers a pod with the light size when none is given, as the seeds do (issue 11, item 8)', async () => {
    const created = await http().post('/api/v1/pods').set(auth).send({ name: 'extra' }).expect(201);
    expect(created.body).toMatchObject({
      name: 'extra',
      cpus: 0.3,
      memoryMiB: 100,
      maxNodes: 20,
      path: '/extra',
    });
    await http().delete('/api/v1/pods/extra').set(auth).expect(200);
  });

  it('registers a pod with its size and gives it a load-balancer path', async () => {
    const created = await http()
      .post('/api/v1/pods')
      .set(auth)
      .send({ name: 'gpu', cpus: 1.5, memoryMiB: 1024, maxNodes: 4, algorithm: 'leastconn' })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'gpu',
      cpus: 1.5,
      memoryMiB: 1024,
      maxNodes: 4,
      algorithm: 'leastconn',
      path: '/gpu',
    });
    expect(test.lb.members.has('gpu')).toBe(true);
  });

  it.each([
    [{ name: 'Bad', cpus: 1, memoryMiB: 64, maxNodes: 1 }, 'name'],
    [{ name: 'ok', cpus: 0, memoryMiB: 64, maxNodes: 1 }, 'cpus'],
    [{ name: 'ok', cpus: 1, memoryMiB: 8, maxNodes: 1 }, 'memoryMiB'],
    [{ name: 'ok', cpus: 1, memoryMiB: 64, maxNodes: 0 }, 'maxNodes'],
    [{ name: 'ok', cpus: 1, memoryMiB: 64, maxNodes: 1, algorithm: 'fastest' }, 'algorithm'],
    [{ name: 'ok', cpus: 0.5, job: [{}] }, 'job'],
    [{ name: 'ok', cpus: 0.5, job: 'heavy' }, 'job'],
    [{ name: 'ok', cpus: 0.5, placement: [{ mode: 'spread' }] }, 'placement'],
    [{ name: 'ok', cpus: 0.5, placement: 'spread' }, 'placement'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const response = await http().post('/api/v1/pods').set(auth).send(body).expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    await http().get('/api/v1/pods/ok').set(auth).expect(404);
  });

  it('changes pod settings, refusing a maximum below the nodes it has', async () => {
    const changed = await http()
      .patch('/api/v1/pods/gpu')
      .set(auth)
      .send({ cpus: 0.75, maxNodes: 3 })
      .expect(200);
    expect(changed.body).toMatchObject({ name: 'gpu', cpus: 0.75, memoryMiB: 1024, maxNodes: 3 });
    await http().patch('/api/v1/pods/gpu').set(auth).send({ cpus: 0 }).expect(400);
    await http().post('/api/v1/nodes').set(auth).send({ name: 'g0', pod: 'gpu' }).expect(201);
    const refused = await http().patch('/api/v1/pods/gpu').set(auth).send({ maxNodes: 0 }).expect(400);
    expect(refused.body.details[0].field).toBe('maxNodes');
    await http().post('/api/v1/nodes').set(auth).send({ name: 'g00', pod: 'gpu' }).expect(201);
    const over = await http().patch('/api/v1/pods/gpu').set(auth).send({ maxNodes: 1 }).expect(409);
    expect(over.body.message).toBe('pod gpu has 2 nodes, more than the new maximum of 1; remove nodes first');
    await http().delete('/api/v1/nodes/g0').set(auth).expect(200);
    await http().delete('/api/v1/nodes/g00').set(auth).expect(200);
  });

  it("sets the job a pod's nodes run: defaults by name, a partial change keeps the rest, the balancer is told", async () => {
    const made = await http()
      .post('/api/v1/pods')
      .set(auth)
      .send({ name: 'jobs', job: { scale: 0.5 } })
      .expect(201);
    expect(made.body.job).toEqual({ kind: 'light', scale: 0.5 });
    expect(test.lb.pods.get('jobs')).toMatchObject({
      job: { kind: 'light', scale: 0.5 },
      queuePerNode: 1000,
    });
    const changed = await http()
      .patch('/api/v1/pods/jobs')
      .set(auth)
      .send({ job: { kind: 'heavy' } })
      .expect(200);
    expect(changed.body.job).toEqual({ kind: 'heavy', scale: 0.5 });
    // Half the heavy job on a 0.3-CPU node: about 3 s each, so 3 per node fill 10 s.
    expect(test.lb.pods.get('jobs')).toMatchObject({ job: { kind: 'heavy', scale: 0.5 }, queuePerNode: 3 });
    await http().delete('/api/v1/pods/jobs').set(auth).expect(200);
  });

  it.each([
    [{ kind: 'huge' }, 'job.kind', 'kind must be one of light, medium, heavy'],
    [{ scale: 0 }, 'job.scale', 'scale must be a positive number'],
    [{ scale: 11 }, 'job.scale', 'scale must not be greater than 10'],
    [{ scale: '1' }, 'job.scale', 'scale must be a number'],
    [[{}], 'job', 'job must be an object'],
    [[{ kind: 'heavy' }], 'job', 'job must be an object'],
  ])('refuses the job %j with 400 naming %s, and changes nothing', async (job, field, reason) => {
    const refused = await http().patch('/api/v1/pods/gpu').set(auth).send({ job }).expect(400);
    expect(refused.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(JSON.stringify(refused.body)).toContain(reason);
    expect((await http().get('/api/v1/pods/gpu').set(auth).expect(200)).body.job).toEqual({
      kind: 'light',
      scale: 1,
    });
  });

  it('refuses a duplicate pod name', async () => {
    const again = await http()
      .post('/api/v1/pods')
      .set(auth)
      .send({ name: 'gpu', cpus: 1, memoryMiB: 64, maxNodes: 1 })
      .expect(409);
    expect(again.body.code).toBe('POD_EXISTS');
  });

  it("reads the use of a pod's nodes from their agents: cumulative CPU seconds, the cap, memory", async () => {
    await http().post('/api/v1/nodes').set(auth).send({ name: 'g1', pod: 'gpu' }).expect(201);
    const before = await http().get('/api/v1/pods/gpu/usage').set(auth).expect(200);
    // Registered, never launched: no agent holds it, so there is nothing to read.
    expect(before.body).toEqual({ pod: 'gpu', nodes: [] });
    await http().post('/api/v1/pods/gpu/launch').set(auth).expect(201);
    test.agent.cpuSeconds = 12.5;
    test.agent.cpuPercent = 40;
    const usage = await http().get('/api/v1/pods/gpu/usage').set(auth).expect(200);
    expect(usage.body).toMatchObject({
      pod: 'gpu',
      nodes: [{ node: 'g1', status: 'ONLINE', cpuSeconds: 12.5, cpuPercent: 40, cpus: 0.75 }],
    });
    expect(Date.parse(usage.body.nodes[0].sampledAt)).toBeGreaterThan(0);
    await http().get('/api/v1/pods/nope/usage').set(auth).expect(404);
    await http().get('/api/v1/pods/gpu/usage').expect(401);
  });

  it('refuses to remove a pod that has nodes unless forced, then drains and removes them', async () => {
    const refused = await http().delete('/api/v1/pods/gpu').set(auth).expect(409);
    expect(refused.body.message).toContain(
      'pod gpu still has 1 node(s) (g1); remove them first or use --force',
    );
    await http().delete('/api/v1/pods/gpu?force=true').set(auth).expect(200);
    await http().get('/api/v1/pods/gpu').set(auth).expect(404);
    expect(test.agent.servers.has('g1')).toBe(false);
    expect(test.lb.members.has('gpu')).toBe(false);
  });

  it('lists events newest first, filtered and paged', async () => {
    const all = (await http().get('/api/v1/events?pod=gpu').set(auth).expect(200)).body;
    expect(all.slice(0, 6).map((e: { type: string }) => e.type)).toEqual([
      'PodRemoved',
      'NodeRemoved',
      'NodeDraining',
      'NodeOnline',
      'NodeStarting',
      'NodeRegistered',
    ]);
    expect(all[all.length - 1].type).toBe('PodCreated');
    const page = (
      await http().get(`/api/v1/events?pod=gpu&limit=2&before=${all[1].id}`).set(auth).expect(200)
    ).body;
    expect(page.map((e: { id: number }) => e.id)).toEqual([all[2].id, all[3].id]);
    await http().get('/api/v1/events?limit=0').set(auth).expect(400);
  });

  it('shows the cloud status: pods, agents asked now, the load balancer', async () => {
    const status = (await http().get('/api/v1/cloud/status').set(auth).expect(200)).body;
    expect(status).toMatchObject({
      agents: [{ id: 'local', status: 'up', nodes: 0 }],
      loadBalancer: { kind: 'embedded' },
      pods: [],
    });
  });
});
