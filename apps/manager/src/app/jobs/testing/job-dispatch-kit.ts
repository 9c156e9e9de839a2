import type { BatchJobView } from '@strato/contracts';
import request from 'supertest';
import { createCloudTestApp, ownerAuth, type TestApp } from '../../../testing/test-app';
import { type CloudEvent, EventsRepository } from '../../events/events.repository';
import { NodesRepository } from '../../store/nodes.repository';
import { JobDispatcher } from '../dispatch/job-dispatcher';
import type { JobRecord } from '../job-record';
import { JobsRepository } from '../jobs.repository';

/** The manager in-process over the fake agent, its loops off: a test drives the dispatcher tick by tick. */
export interface DispatchKit {
  test: TestApp;
  http(): ReturnType<typeof request>;
  dispatcher(): JobDispatcher;
  jobs(): JobsRepository;
  nodes(): NodesRepository;
  /** Registers and launches a node of the pod (ONLINE on the fake agent). */
  launch(name: string, pod?: string): Promise<void>;
  submit(body?: Record<string, unknown>): Promise<BatchJobView>;
  job(id: string): JobRecord;
  /** Moves the dispatcher's clock (its own, not the wall's) on by ms, then runs one tick to its end. */
  tick(afterMs?: number): Promise<void>;
  now(): Date;
  events(type: string): CloudEvent[];
  /** Appends output to a running attempt on the fake agent, as its process would print it. */
  print(attemptId: string, output: { stdout?: string; stderr?: string }): void;
  close(): Promise<void>;
}

export async function createDispatchKit(env: Record<string, string> = {}): Promise<DispatchKit> {
  const test = await createCloudTestApp({
    STRATO_ELASTICITY_TICK_MS: '0',
    STRATO_JOB_DISPATCH_MS: '0',
    ...env,
  });
  let clock = Date.now();
  const http = () => request(test.app.getHttpServer());
  const kit: DispatchKit = {
    test,
    http,
    dispatcher: () => test.app.get(JobDispatcher),
    jobs: () => test.app.get(JobsRepository),
    nodes: () => test.app.get(NodesRepository),
    async launch(name, pod = 'light') {
      await http().post('/api/v1/nodes').set(ownerAuth).send({ name, pod }).expect(201);
      await http().post(`/api/v1/pods/${pod}/launch`).set(ownerAuth).expect(201);
    },
    async submit(body = {}) {
      const response = await http()
        .post('/api/v1/jobs')
        .set(ownerAuth)
        .send({ pod: 'light', workload: { name: 'sleep', params: { seconds: 1 } }, ...body })
        .expect(201);
      return response.body as BatchJobView;
    },
    job(id) {
      const job = kit.jobs().find(id);
      if (!job) throw new Error(`no job ${id}`);
      return job;
    },
    async tick(afterMs = 0) {
      clock += afterMs;
      await kit.dispatcher().tick(new Date(clock));
      await kit.dispatcher().idle();
    },
    now: () => new Date(clock),
    events: (type) => test.app.get(EventsRepository).list({ type, limit: 100 }),
    print(attemptId, output) {
      const entry = test.agent.jobAttempts.get(attemptId);
      if (!entry) throw new Error(`no attempt ${attemptId} on the fake agent`);
      entry.stdout += output.stdout ?? '';
      entry.stderr += output.stderr ?? '';
    },
    close: () => test.close(),
  };
  return kit;
}

export { ownerAuth };
