import type { ScriptInterpreter } from '@strato/contracts';
import { deferred } from '../../../testing/deferred';
import { joinAuth } from '../../../testing/test-app';
import { AgentJobRejectedError } from '../../agents/registry/agent-job-rejected.error';
import { createDispatchKit, type DispatchKit, ownerAuth } from '../testing/job-dispatch-kit';

describe('job dispatcher: start, follow, end', () => {
  let kit: DispatchKit;
  const attemptId = (id: string) => kit.job(id).attemptId as string;
  const onAgent = (id: string) => kit.test.agent.jobAttempts.get(attemptId(id));
  const logs = async (id: string, query = '') =>
    (await kit.http().get(`/api/v1/jobs/${id}/logs${query}`).set(ownerAuth).expect(200)).body;

  beforeEach(async () => {
    kit = await createDispatchKit();
    await kit.launch('n1');
  });
  afterEach(() => kit.close());

  it('starts a queued job on an ONLINE node through its agent, with its index, attempt and timeout', async () => {
    const job = await kit.submit({ timeoutS: 30 });
    await kit.tick();
    expect(kit.job(job.id)).toMatchObject({ status: 'RUNNING', node: 'n1', attempt: 1 });
    expect(onAgent(job.id)?.view).toMatchObject({ jobId: job.id, nodeId: 'n1', state: 'running' });
    const [started] = kit.events('JobStarted');
    expect(started).toMatchObject({
      pod: 'light',
      node: 'n1',
      message: `job ${job.id} attempt 1 started on node n1`,
    });
  });

  it('runs one batch job per node: the second waits for the first to end', async () => {
    const first = await kit.submit();
    const second = await kit.submit();
    await kit.tick();
    expect([kit.job(first.id).status, kit.job(second.id).status]).toEqual(['RUNNING', 'QUEUED']);
    kit.test.agent.finishJobAttempt(attemptId(first.id));
    await kit.tick();
    await kit.tick();
    expect([kit.job(first.id).status, kit.job(second.id).status]).toEqual(['SUCCEEDED', 'RUNNING']);
  });

  it('stores the output as it comes, then the end, and lets the agent forget the attempt', async () => {
    const job = await kit.submit();
    await kit.tick();
    const attempt = attemptId(job.id);
    kit.print(attempt, { stdout: 'step 1\nstep', stderr: 'warn: é\n' });
    await kit.tick();
    expect((await logs(job.id)).lines).toEqual([
      { stream: 'stdout', text: 'step 1' },
      { stream: 'stderr', text: 'warn: é' },
      { stream: 'stdout', text: 'step' },
    ]);
    kit.test.agent.finishJobAttempt(attempt, { exitCode: 0 }, { stdout: ' 2\ndone\n' });
    await kit.tick(1500);
    expect(kit.job(job.id)).toMatchObject({
      status: 'SUCCEEDED',
      exitCode: 0,
      reason: null,
      durationMs: 1500,
    });
    expect(await logs(job.id, '?stream=stdout&tail=2')).toMatchObject({
      attempt: 1,
      node: 'n1',
      stream: 'stdout',
      lines: [
        { stream: 'stdout', text: 'step 2' },
        { stream: 'stdout', text: 'done' },
      ],
      truncated: { stdout: false, stderr: false },
      complete: true,
    });
    expect(kit.test.agent.jobAttempts.has(attempt)).toBe(false);
    expect(kit.events('JobSucceeded')[0].message).toBe(
      `job ${job.id} SUCCEEDED, attempt 1 on node n1, in 1500 ms`,
    );
  });

  it('requeues a failed attempt after its backoff, then fails the job when no retry is left', async () => {
    const job = await kit.submit({ retry: { maxRetries: 1, backoffBaseMs: 1000 } });
    await kit.tick();
    kit.test.agent.finishJobAttempt(attemptId(job.id), { exitCode: 1 });
    await kit.tick();
    expect(kit.job(job.id)).toMatchObject({ status: 'QUEUED', attempt: 1, exitCode: 1, node: null });
    expect(kit.job(job.id).notBefore).toBe(new Date(kit.now().getTime() + 1000).toISOString());
    expect(kit.events('JobRequeued')[0].message).toMatch(
      /ended exit code 1; requeued for attempt 2 of at most 2, in 1000 ms/,
    );
    await kit.tick(500);
    expect(kit.job(job.id).status).toBe('QUEUED');
    await kit.tick(600);
    expect(kit.job(job.id)).toMatchObject({ status: 'RUNNING', attempt: 2 });
    expect(onAgent(job.id)?.view.attemptId).toMatch(new RegExp(`^${job.id}\\.2-`));
    kit.test.agent.finishJobAttempt(attemptId(job.id), { exitCode: 1 });
    await kit.tick();
    expect(kit.job(job.id)).toMatchObject({ status: 'FAILED', attempt: 2, exitCode: 1 });
    expect(
      kit
        .jobs()
        .attempts(job.id)
        .map((a) => a.exitCode),
    ).toEqual([1, 1]);
    expect(kit.events('JobFailed')[0].message).toMatch(/no retries left \(1 allowed\)/);
  });

  it('fails the job at once on an exit code a FailJob rule names', async () => {
    const job = await kit.submit({
      retry: { maxRetries: 3, rules: [{ onExitCodes: [2], action: 'FailJob' }] },
    });
    await kit.tick();
    kit.test.agent.finishJobAttempt(attemptId(job.id), { exitCode: 2 });
    await kit.tick();
    expect(kit.job(job.id)).toMatchObject({ status: 'FAILED', attempt: 1, exitCode: 2 });
  });

  it('ends an attempt the agent timed out as TIMED_OUT, not retried by default', async () => {
    const job = await kit.submit({ timeoutS: 1 });
    await kit.tick();
    kit.test.agent.finishJobAttempt(attemptId(job.id), { exitCode: null, signal: 'SIGTERM', timedOut: true });
    await kit.tick();
    expect(kit.job(job.id)).toMatchObject({ status: 'TIMED_OUT', reason: 'Timeout', signal: 'SIGTERM' });
    expect(kit.events('JobTimedOut')).toHaveLength(1);
  });

  it('kills an attempt itself when its agent let it run well past its timeout', async () => {
    const job = await kit.submit({ timeoutS: 1 });
    await kit.tick();
    const attempt = attemptId(job.id);
    await kit.tick(1000);
    expect(kit.job(job.id).status).toBe('RUNNING');
    await kit.tick(5500);
    expect(kit.job(job.id)).toMatchObject({ status: 'TIMED_OUT', reason: 'Timeout' });
    expect(kit.test.agent.jobAttempts.has(attempt)).toBe(false);
  });

  it('kills a RUNNING job asked to abort, then ends it ABORTED', async () => {
    const job = await kit.submit();
    await kit.tick();
    const attempt = attemptId(job.id);
    const asked = await kit.http().post(`/api/v1/jobs/${job.id}/abort`).set(ownerAuth).expect(200);
    expect(asked.body).toMatchObject({ status: 'RUNNING', abortRequested: true });
    const kill = jest.spyOn(kit.test.agent, 'killJobAttempt');
    await kit.tick();
    expect(kill).toHaveBeenCalledWith('n1', attempt);
    expect(kit.job(job.id)).toMatchObject({ status: 'ABORTED', reason: 'Aborted', signal: 'SIGTERM' });
    expect(kit.test.agent.jobAttempts.has(attempt)).toBe(false);
    expect(kit.events('JobAborted')[0].message).toMatch(/ABORTED, attempt 1 on node n1: Aborted/);
  });

  it('requeues as NodeLost, within one tick, a job whose node FAILED, and runs it elsewhere', async () => {
    await kit.launch('n2');
    const job = await kit.submit();
    await kit.tick();
    const node = kit.job(job.id).node as string;
    const record = kit.nodes().find(node);
    kit
      .nodes()
      .transition(node, { status: 'ONLINE', incarnation: record?.incarnation ?? 0 }, { status: 'FAILED' });
    await kit.tick(200);
    expect(kit.job(job.id)).toMatchObject({ status: 'QUEUED', reason: 'NodeLost', node: null });
    expect(kit.events('JobRequeued')[0].message).toMatch(/NodeLost: node n\d lost: it is FAILED/);
    await kit.tick(1000);
    expect(kit.job(job.id)).toMatchObject({
      status: 'RUNNING',
      attempt: 2,
      node: node === 'n1' ? 'n2' : 'n1',
    });
  });

  it('lists both attempts of a job requeued off a lost node, the first ended NodeLost, the second running', async () => {
    await kit.launch('n2');
    const job = await kit.submit();
    await kit.tick();
    const firstStart = kit.now().toISOString();
    const lost = kit.job(job.id).node as string;
    const record = kit.nodes().find(lost);
    kit
      .nodes()
      .transition(lost, { status: 'ONLINE', incarnation: record?.incarnation ?? 0 }, { status: 'FAILED' });
    await kit.tick(200);
    const requeuedAt = kit.now().toISOString();
    await kit.tick(1000);
    const secondStart = kit.now().toISOString();

    const { body } = await kit.http().get(`/api/v1/jobs/${job.id}`).set(ownerAuth).expect(200);
    expect(body).toMatchObject({ status: 'RUNNING', attempt: 2 });
    expect(body.attempts).toEqual([
      {
        attempt: 1,
        node: lost,
        agent: 'local',
        startedAt: firstStart,
        endedAt: requeuedAt,
        exitCode: null,
        signal: null,
        reason: 'NodeLost',
      },
      {
        attempt: 2,
        node: lost === 'n1' ? 'n2' : 'n1',
        agent: 'local',
        startedAt: secondStart,
        endedAt: null,
        exitCode: null,
        signal: null,
        reason: null,
      },
    ]);
    const listed = await kit.http().get('/api/v1/jobs').set(ownerAuth).expect(200);
    expect(listed.body.find((j: { id: string }) => j.id === job.id).attempts).toEqual(body.attempts);
  });

  it.each<[string, (kit: DispatchKit, node: string, attempt: string) => void]>([
    ['its record was removed', (k, node) => k.nodes().delete(node)],
    [
      'its agent no longer knows the attempt',
      (k, _node, attempt) => k.test.agent.jobAttempts.delete(attempt),
    ],
  ])('requeues as NodeLost a job whose node is gone: %s', async (_case, lose) => {
    const job = await kit.submit();
    await kit.tick();
    lose(kit, 'n1', attemptId(job.id));
    await kit.tick();
    expect(kit.job(job.id)).toMatchObject({ status: 'QUEUED', reason: 'NodeLost', attempt: 1 });
    expect(kit.jobs().attempts(job.id)[0]).toMatchObject({ reason: 'NodeLost' });
  });

  it('ends a start the agent refuses as StartFailed (retried by the policy), one it cannot be asked as NodeLost', async () => {
    const refused = await kit.submit({ retry: { maxRetries: 0 } });
    jest
      .spyOn(kit.test.agent, 'startJobAttempt')
      .mockRejectedValueOnce(new AgentJobRejectedError(422, 'n1', 'python is not in the node image'));
    await kit.tick();
    expect(kit.job(refused.id)).toMatchObject({ status: 'FAILED', reason: 'StartFailed' });
    expect(kit.events('JobStartFailed')[0].message).toMatch(/python is not in the node image/);

    const unanswered = await kit.submit();
    jest.spyOn(kit.test.agent, 'startJobAttempt').mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
    await kit.tick();
    expect(kit.job(unanswered.id)).toMatchObject({ status: 'QUEUED', reason: 'NodeLost', attempt: 1 });
  });

  it('does not take an attempt whose start the agent has not answered yet for a lost one', async () => {
    const job = await kit.submit();
    const held = deferred();
    const start = kit.test.agent.startJobAttempt.bind(kit.test.agent);
    jest.spyOn(kit.test.agent, 'startJobAttempt').mockImplementationOnce(async (node, request) => {
      await held.promise; // a docker exec that takes its time: the agent knows the attempt only after it
      return start(node, request);
    });
    const first = kit.dispatcher().tick(kit.now());
    await new Promise((resolve) => setImmediate(resolve));
    const second = kit.dispatcher().tick(new Date(kit.now().getTime() + 200));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(kit.job(job.id)).toMatchObject({ status: 'RUNNING', attempt: 1 });
    held.resolve();
    await Promise.all([first, second]);
    await kit.tick(400);
    expect(kit.job(job.id)).toMatchObject({ status: 'RUNNING', attempt: 1 });
    expect(onAgent(job.id)?.view.state).toBe('running');
  });

  it('starts higher priorities first, then the earlier submit', async () => {
    const low = await kit.submit({ priority: 0 });
    const high = await kit.submit({ priority: 5 });
    await kit.tick();
    expect([kit.job(low.id).status, kit.job(high.id).status]).toEqual(['QUEUED', 'RUNNING']);
  });

  it("leaves a script queued while its node's agent says it lacks the interpreter, starting what it can meanwhile", async () => {
    const reRegister = (interpreters: ScriptInterpreter[]) =>
      kit
        .http()
        .post('/api/v1/agents')
        .set(joinAuth)
        .send({
          id: 'local',
          url: 'http://127.0.0.1:1',
          runtime: 'process',
          cores: 2,
          memoryBytes: 2 ** 34,
          interpreters,
        })
        .expect(200);
    const python = await kit.submit({
      workload: undefined,
      script: { interpreter: 'python', source: 'pass' },
      priority: 5,
    });
    const workload = await kit.submit();
    await reRegister(['sh', 'node']);
    await kit.tick();
    expect([kit.job(python.id).status, kit.job(workload.id).status]).toEqual(['QUEUED', 'RUNNING']);
    kit.test.agent.finishJobAttempt(attemptId(workload.id));
    await kit.tick();
    expect(kit.job(python.id)).toMatchObject({ status: 'QUEUED', attempt: 0 });
    await reRegister(['sh', 'node', 'python']);
    await kit.tick();
    expect(kit.job(python.id)).toMatchObject({ status: 'RUNNING', node: 'n1', attempt: 1 });
  });

  it("never runs more of an array's tasks at once than its parallelism", async () => {
    await kit.launch('n2');
    await kit.launch('n3');
    const response = await kit
      .http()
      .post('/api/v1/jobs')
      .set(ownerAuth)
      .send({ pod: 'light', workload: { name: 'sleep' }, count: 5, parallelism: 2 })
      .expect(201);
    const ids = (response.body as { id: string }[]).map((task) => task.id);
    const running = () => ids.filter((id) => kit.job(id).status === 'RUNNING');
    let most = 0;
    for (let round = 0; round < 10; round++) {
      await kit.tick();
      most = Math.max(most, running().length);
      const [first] = running();
      if (first) kit.test.agent.finishJobAttempt(attemptId(first));
    }
    await kit.tick();
    expect(most).toBe(2);
    expect(ids.map((id) => kit.job(id).status)).toEqual(Array(5).fill('SUCCEEDED'));
    expect(ids.map((id, index) => [kit.job(id).array?.index, index])).toEqual(ids.map((_, i) => [i, i]));
  });
});

describe('job dispatcher: stored output is capped', () => {
  let kit: DispatchKit;
  beforeEach(async () => {
    kit = await createDispatchKit({ STRATO_JOB_LOG_CAP_BYTES: '16' });
    await kit.launch('n1');
  });
  afterEach(() => kit.close());

  it('keeps each stream of an attempt up to the cap, then a truncation marker, and says so', async () => {
    const job = await kit.submit();
    await kit.tick();
    const attempt = kit.job(job.id).attemptId as string;
    kit.print(attempt, { stdout: '0123456789\n' });
    await kit.tick();
    kit.test.agent.finishJobAttempt(
      attempt,
      { exitCode: 0 },
      { stdout: 'abcdefghij\nmore\n', stderr: 'e\n' },
    );
    await kit.tick();
    const logs = (await kit.http().get(`/api/v1/jobs/${job.id}/logs`).set(ownerAuth).expect(200)).body;
    expect(logs.lines).toEqual([
      { stream: 'stdout', text: '0123456789' },
      { stream: 'stdout', text: 'abcde' },
      { stream: 'stdout', text: '[strato: output truncated after 16 bytes]' },
      { stream: 'stderr', text: 'e' },
    ]);
    expect(logs.truncated).toEqual({ stdout: true, stderr: false });
    expect(kit.job(job.id).status).toBe('SUCCEEDED');
  });
});
