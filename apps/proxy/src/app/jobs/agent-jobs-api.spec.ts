import type { AgentJobAttemptView, AgentJobOutputView, AgentNodeView, BatchJobSpec } from '@strato/contracts';
import request from 'supertest';
import {
  agentAuth,
  type AgentTestApp,
  createAgentTestApp,
  waitForHealth,
} from '../../testing/agent-test-app';
import { AgentJobsService } from './agent-jobs.service';

const nodeScript = (source: string): BatchJobSpec => ({
  kind: 'script',
  interpreter: 'node',
  source,
  args: [],
  env: {},
});
const sleep = (seconds: number): BatchJobSpec => ({
  kind: 'workload',
  workload: 'sleep',
  params: { seconds },
});

describe('agent jobs API over the process runtime', () => {
  let test: AgentTestApp;
  let nodeId: string;
  let attempts = 0;
  const http = () => request(test.app.getHttpServer());
  const jobs = (path = '') => `/agent/v1/nodes/${nodeId}/jobs${path}`;
  const start = (job: BatchJobSpec, extra: Record<string, unknown> = {}) =>
    http()
      .post(jobs())
      .set(agentAuth)
      .send({
        attemptId: `job-1.${++attempts}-abc`,
        jobId: 'job-1',
        index: 0,
        attempt: attempts,
        job,
        timeoutS: 60,
        ...extra,
      });
  const view = async (attemptId: string): Promise<AgentJobAttemptView> =>
    (
      await http()
        .get(jobs(`/${attemptId}`))
        .set(agentAuth)
        .expect(200)
    ).body as AgentJobAttemptView;
  const untilExited = async (attemptId: string): Promise<AgentJobAttemptView> => {
    for (let i = 0; i < 250; i++) {
      const current = await view(attemptId);
      if (current.state === 'exited') return current;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`attempt ${attemptId} still running`);
  };
  const output = async (attemptId: string, stdoutOffset = 0, stderrOffset = 0): Promise<AgentJobOutputView> =>
    (
      await http()
        .get(jobs(`/${attemptId}/output?stdoutOffset=${stdoutOffset}&stderrOffset=${stderrOffset}`))
        .set(agentAuth)
        .expect(200)
    ).body as AgentJobOutputView;

  beforeAll(async () => {
    test = await createAgentTestApp();
    const node = (
      await http()
        .post('/agent/v1/nodes')
        .set(agentAuth)
        .send({ nodeId: 'batch', incarnation: 1, pod: 'light', cpus: 0.5, memoryMiB: 200 })
        .expect(201)
    ).body as AgentNodeView;
    nodeId = node.nodeId;
    await waitForHealth(node.port);
  }, 30_000);

  afterAll(async () => {
    await test?.close();
  }, 30_000);

  it('needs the agent token', async () => {
    await http().get(jobs()).expect(401);
    await http().post(jobs()).send({}).expect(401);
  });

  it('runs an attempt with the STRATO_JOB_* environment, keeps its final state and output until acknowledged', async () => {
    const started = (
      await start(
        nodeScript(
          'console.log(process.env.STRATO_JOB_ID, process.env.STRATO_JOB_INDEX, process.env.STRATO_JOB_ATTEMPT); console.error("é"); process.exit(4)',
        ),
      ).expect(201)
    ).body as AgentJobAttemptView;
    expect(started).toMatchObject({ jobId: 'job-1', nodeId, state: 'running' });
    const ended = await untilExited(started.attemptId);
    expect(ended).toMatchObject({
      exitCode: 4,
      signal: null,
      oomKilled: false,
      timedOut: false,
      killed: false,
    });
    expect(ended.durationMs).toBeGreaterThanOrEqual(0);
    const all = await output(started.attemptId);
    expect(all).toMatchObject({
      complete: true,
      stdout: { data: `job-1 0 ${attempts}\n` },
      stderr: { data: 'é\n' },
    });
    const rest = await output(started.attemptId, all.stdout.nextOffset, all.stderr.nextOffset);
    expect(rest).toMatchObject({ complete: true, stdout: { data: '' }, stderr: { data: '' } });
    const listed = (await http().get(jobs()).set(agentAuth).expect(200)).body as AgentJobAttemptView[];
    expect(listed.map((attempt) => attempt.attemptId)).toContain(started.attemptId);
    await http()
      .delete(jobs(`/${started.attemptId}`))
      .set(agentAuth)
      .expect(204);
    await http()
      .get(jobs(`/${started.attemptId}`))
      .set(agentAuth)
      .expect(404);
  });

  it('answers a repeated start of the same attempt id with the attempt already running, running nothing twice', async () => {
    const body = {
      attemptId: 'job-2.1-abc',
      jobId: 'job-2',
      index: 0,
      attempt: 1,
      timeoutS: 60,
      job: nodeScript('console.log("once")'),
    };
    const [first, second] = await Promise.all([
      http().post(jobs()).set(agentAuth).send(body).expect(201),
      http().post(jobs()).set(agentAuth).send(body).expect(201),
    ]);
    expect((first.body as AgentJobAttemptView).startedAt).toBe(
      (second.body as AgentJobAttemptView).startedAt,
    );
    await untilExited('job-2.1-abc');
    expect((await output('job-2.1-abc')).stdout.data).toBe('once\n');
  });

  it('kills an attempt at its timeout, and says so', async () => {
    const started = (await start(sleep(30), { timeoutS: 0.3 }).expect(201)).body as AgentJobAttemptView;
    const ended = await untilExited(started.attemptId);
    expect(ended).toMatchObject({ timedOut: true, killed: false, exitCode: null, signal: 'SIGTERM' });
    expect(ended.durationMs).toBeLessThan(3_000);
  });

  it('kills an attempt on request, idempotently, and refuses to forget one that still runs', async () => {
    const started = (await start(sleep(30)).expect(201)).body as AgentJobAttemptView;
    await http()
      .delete(jobs(`/${started.attemptId}`))
      .set(agentAuth)
      .expect(409);
    const [killed, again] = await Promise.all([
      http()
        .post(jobs(`/${started.attemptId}/kill`))
        .set(agentAuth)
        .expect(200),
      http()
        .post(jobs(`/${started.attemptId}/kill`))
        .set(agentAuth)
        .expect(200),
    ]);
    expect(killed.body).toMatchObject({ state: 'exited', killed: true, signal: 'SIGTERM' });
    expect(again.body).toEqual(killed.body);
    await http()
      .delete(jobs(`/${started.attemptId}`))
      .set(agentAuth)
      .expect(204);
  });

  it('caps each stream of output, with a marker where it was cut', async () => {
    test.app.get(AgentJobsService).capBytes = 1_000;
    try {
      const started = (await start(nodeScript('process.stdout.write("x".repeat(5000))')).expect(201))
        .body as AgentJobAttemptView;
      const ended = await untilExited(started.attemptId);
      expect(ended.truncated).toBe(true);
      const { stdout } = await output(started.attemptId);
      expect(stdout.data).toBe(`${'x'.repeat(1_000)}\n[strato: output truncated after 1000 bytes]\n`);
    } finally {
      test.app.get(AgentJobsService).capBytes = 1024 * 1024;
    }
  });

  it('takes a script of 256 KiB', async () => {
    const source = `// ${'y'.repeat(256 * 1024 - 40)}\nconsole.log('big')`;
    const started = (await start(nodeScript(source)).expect(201)).body as AgentJobAttemptView;
    expect((await untilExited(started.attemptId)).exitCode).toBe(0);
  });

  it('refuses a malformed job, and an attempt on a node it does not have', async () => {
    await start({ kind: 'nope' } as unknown as BatchJobSpec).expect(400);
    await start(nodeScript('1'), { timeoutS: -1 }).expect(400);
    await http()
      .post('/agent/v1/nodes/ghost/jobs')
      .set(agentAuth)
      .send({ attemptId: 'a-1', jobId: 'j', index: 0, attempt: 1, timeoutS: 5, job: nodeScript('1') })
      .expect(404);
    await http().get(jobs('/unknown-attempt')).set(agentAuth).expect(404);
  });
});
