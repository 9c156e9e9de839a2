import { SchedulerRegistry } from '@nestjs/schedule';
import { MANAGER_CONFIG } from '../../config/manager-config';
import { createDispatchKit, type DispatchKit, ownerAuth } from '../testing/job-dispatch-kit';
import { AttemptEnder } from './attempt-ender';
import { AttemptFollower } from './attempt-follower';
import { AttemptSweeper } from './attempt-sweeper';
import { JobDispatcher } from './job-dispatcher';
import { JobStarter } from './job-starter';

describe('job dispatcher: nothing lost, nothing twice', () => {
  let kit: DispatchKit;
  const attemptId = (id: string) => kit.job(id).attemptId as string;
  const lines = async (id: string, query = '') =>
    (await kit.http().get(`/api/v1/jobs/${id}/logs${query}`).set(ownerAuth).expect(200)).body.lines;
  /** A dispatcher as a restarted manager has it: nothing in memory, the store and the agents as they were. */
  const restarted = () =>
    new JobDispatcher(
      kit.test.app.get(MANAGER_CONFIG),
      kit.test.app.get(SchedulerRegistry),
      kit.jobs(),
      kit.test.app.get(AttemptFollower),
      kit.test.app.get(JobStarter),
      kit.test.app.get(AttemptSweeper),
    );

  beforeEach(async () => {
    kit = await createDispatchKit();
    for (const node of ['n1', 'n2', 'n3']) await kit.launch(node);
  });
  afterEach(() => kit.close());

  it('after a restart finds the RUNNING attempts again on their agents, follows them on from the stored offsets, requeues what never reached an agent and kills what is no longer current', async () => {
    const a = await kit.submit();
    const b = await kit.submit();
    await kit.tick();
    kit.print(attemptId(a.id), { stdout: 'part 1\n' });
    await kit.tick();
    // The crash: c was taken by the store but the agent was never asked; n2 runs a leftover attempt of b.
    const c = await kit.submit();
    kit.jobs().startAttempt(c.id, 'n3', kit.now());
    await kit.test.agent.startJobAttempt('n2', {
      attemptId: `${b.id}.0-leftover`,
      jobId: b.id,
      index: 0,
      attempt: 0,
      job: kit.job(b.id).spec,
      timeoutS: 60,
    });
    kit.test.agent.finishJobAttempt(attemptId(a.id), { exitCode: 0 }, { stdout: 'part 2\n' });

    const listed = jest.spyOn(kit.test.agent, 'listJobAttempts');
    const sweep = await kit.test.app.get(AttemptSweeper).sweep();
    expect(listed.mock.calls.map(([node]) => node).sort()).toEqual(['n1', 'n2', 'n3']);
    expect(sweep.found.sort()).toEqual([attemptId(a.id), attemptId(b.id)].sort());
    expect(sweep.forgotten).toEqual([`${b.id}.0-leftover`]);
    expect(kit.test.agent.jobAttempts.has(`${b.id}.0-leftover`)).toBe(false);

    const manager = restarted();
    await manager.tick(kit.now());
    await manager.idle();
    expect(kit.job(a.id)).toMatchObject({ status: 'SUCCEEDED', attempt: 1 });
    expect(await lines(a.id)).toEqual([
      { stream: 'stdout', text: 'part 1' },
      { stream: 'stdout', text: 'part 2' },
    ]);
    expect(kit.job(b.id)).toMatchObject({ status: 'RUNNING', attempt: 1 });
    expect(kit.job(c.id)).toMatchObject({ status: 'QUEUED', reason: 'NodeLost' });
  });

  it('asks only the agents of nodes that ever had an attempt (a thousand idle nodes cost no call)', async () => {
    const listed = jest.spyOn(kit.test.agent, 'listJobAttempts');
    await kit.test.app.get(AttemptSweeper).sweep();
    expect(listed).not.toHaveBeenCalled();
    const a = await kit.submit();
    await kit.tick();
    await kit.test.app.get(AttemptSweeper).sweep();
    expect(listed.mock.calls.map(([node]) => node)).toEqual([kit.job(a.id).node]);
  });

  it('ignores the late report of an attempt that was replaced, and forgets that attempt', async () => {
    const job = await kit.submit();
    await kit.tick();
    const first = attemptId(job.id);
    // The node drops out of reach: its job is requeued, the kill of the old attempt does not get through.
    jest.spyOn(kit.test.agent, 'killJobAttempt').mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
    const n1 = kit.nodes().find('n1');
    kit
      .nodes()
      .transition('n1', { status: 'ONLINE', incarnation: n1?.incarnation ?? 0 }, { status: 'FAILED' });
    await kit.tick();
    expect(kit.job(job.id)).toMatchObject({ status: 'QUEUED', reason: 'NodeLost' });
    kit
      .nodes()
      .transition('n1', { status: 'FAILED', incarnation: n1?.incarnation ?? 0 }, { status: 'ONLINE' });
    await kit.tick(1000);
    const second = attemptId(job.id);
    expect(second).not.toBe(first);
    expect(kit.job(job.id)).toMatchObject({ status: 'RUNNING', attempt: 2 });

    kit.test.agent.finishJobAttempt(first, { exitCode: 0 }, { stdout: 'late\n' });
    const stale = kit.test.app.get(AttemptEnder).end(kit.job(job.id), first, {
      exitCode: 0,
      signal: null,
      reason: null,
    });
    expect(stale).toMatchObject({ applied: false, why: 'stale-attempt' });
    await kit.tick(5000);
    expect(kit.job(job.id)).toMatchObject({ status: 'RUNNING', attempt: 2, attemptId: second });
    expect(kit.test.agent.jobAttempts.has(first)).toBe(false);
    expect(await lines(job.id, '?attempt=1')).toEqual([{ stream: 'stdout', text: 'late' }]);
    expect(await lines(job.id)).toEqual([]);
  });

  it('streams the lines with follow=true, attempt after attempt, until the job ends', async () => {
    const job = await kit.submit({ retry: { maxRetries: 1, backoffBaseMs: 100 } });
    await kit.tick();
    kit.print(attemptId(job.id), { stdout: 'one\n' });
    await kit.tick();
    const body = new Promise<string>((resolve, reject) =>
      kit
        .http()
        .get(`/api/v1/jobs/${job.id}/logs?follow=true`)
        .set(ownerAuth)
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => done(null, text));
        })
        .end((error, response) => (error ? reject(error) : resolve(response.body as string))),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    kit.test.agent.finishJobAttempt(attemptId(job.id), { exitCode: 1 }, { stderr: 'oops' });
    await kit.tick();
    await kit.tick(100);
    kit.test.agent.finishJobAttempt(attemptId(job.id), { exitCode: 0 }, { stdout: 'two\n' });
    await kit.tick();
    const frames = (await body)
      .split('\n\n')
      .filter((frame) => frame.startsWith('event:'))
      .map((frame) => {
        const [event, data] = frame.split('\n');
        return [event.slice('event: '.length), JSON.parse(data.slice('data: '.length))];
      });
    const node = kit.job(job.id).node;
    expect(frames).toEqual([
      ['attempt', { attempt: 1, node: 'n1' }],
      ['line', { stream: 'stdout', text: 'one' }],
      ['line', { stream: 'stderr', text: 'oops' }],
      ['attempt', { attempt: 2, node }],
      ['line', { stream: 'stdout', text: 'two' }],
      ['end', { status: 'SUCCEEDED', attempt: { number: 2, node, exitCode: 0, signal: null, reason: null } }],
    ]);
  });

  it('answers 404 for an unknown job or attempt and 400 for a follow that is not true or false', async () => {
    const job = await kit.submit();
    await kit.http().get('/api/v1/jobs/job-00000000/logs').set(ownerAuth).expect(404);
    const none = await kit.http().get(`/api/v1/jobs/${job.id}/logs?attempt=1`).set(ownerAuth).expect(404);
    expect(none.body.message).toBe(`job ${job.id} has not started yet: it has no attempt 1`);
    expect((await kit.http().get(`/api/v1/jobs/${job.id}/logs`).set(ownerAuth).expect(200)).body).toEqual({
      job: job.id,
      attempt: null,
      node: null,
      stream: 'both',
      lines: [],
      truncated: { stdout: false, stderr: false },
      complete: false,
    });
    await kit.http().get(`/api/v1/jobs/${job.id}/logs?follow=1`).set(ownerAuth).expect(400);
    await kit.http().get(`/api/v1/jobs/${job.id}/logs?stream=all`).set(ownerAuth).expect(400);
  });
});
