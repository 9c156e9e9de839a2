import { ownerAuth as auth } from '../../../testing/test-app';
import { createDispatchKit, type DispatchKit } from '../testing/job-dispatch-kit';

describe('batch-job slots per pod (in-process)', () => {
  let kit: DispatchKit;
  const pod = async (name: string) =>
    (await kit.http().get(`/api/v1/pods/${name}`).set(auth).expect(200)).body as { jobSlots: number };

  beforeEach(async () => {
    kit = await createDispatchKit();
  });
  afterEach(() => kit.close());

  it("runs as many jobs at once on a node as its pod's slots, the manager's default elsewhere", async () => {
    await kit.http().post('/api/v1/pods').set(auth).send({ name: 'batch', jobSlots: 3 }).expect(201);
    expect(await pod('batch')).toMatchObject({ jobSlots: 3 });
    expect(await pod('light')).toMatchObject({ jobSlots: 1 });
    await kit.launch('b1', 'batch');
    await kit.launch('n1', 'light');
    const submitted = async (pod: string, count: number) => {
      const jobs = [];
      for (let i = 0; i < count; i++) jobs.push(await kit.submit({ pod }));
      return jobs;
    };
    const onBatch = await submitted('batch', 4);
    const onLight = await submitted('light', 2);
    await kit.tick();
    expect(onBatch.map((j) => kit.job(j.id).status)).toEqual(['RUNNING', 'RUNNING', 'RUNNING', 'QUEUED']);
    expect(onLight.map((j) => kit.job(j.id).status).sort()).toEqual(['QUEUED', 'RUNNING']);
  });

  it('changes with the pod (PATCH), and refuses 0 or more than 64 with the field named', async () => {
    await kit.launch('n1', 'light');
    await kit.http().patch('/api/v1/pods/light').set(auth).send({ jobSlots: 2 }).expect(200);
    expect(await pod('light')).toMatchObject({ jobSlots: 2 });
    const jobs = [await kit.submit(), await kit.submit()];
    await kit.tick();
    expect(jobs.map((j) => kit.job(j.id).status)).toEqual(['RUNNING', 'RUNNING']);
    for (const jobSlots of [0, 65, 1.5]) {
      const refused = await kit.http().patch('/api/v1/pods/light').set(auth).send({ jobSlots }).expect(400);
      expect(JSON.stringify(refused.body)).toContain('jobSlots');
    }
    expect(await pod('light')).toMatchObject({ jobSlots: 2 });
  });
});
