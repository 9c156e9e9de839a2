import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Job, JobLogs } from '@strato/api-client';
import { anEvent } from '../../testing/event-fixtures';
import { FakeJobs } from '../../testing/fake-jobs';
import { FakeLogStream } from '../../testing/fake-log-stream';
import { FakeManager, houseError } from '../../testing/fake-manager';
import { FakeStreamOpener } from '../../testing/fake-stream';
import { MemoryStorage } from '../../testing/fixtures';
import { aJob, anAttempt, aRunningJob } from '../../testing/job-fixtures';
import { calls, text } from '../../testing/render-pod-page';
import { FETCH } from '../api/strato-api';
import { LiveConnection, STREAM_OPENER } from '../cloud/live-connection';
import { BROWSER_STORAGE } from '../cloud/owner-token.store';
import { JobPage } from './job-page';
import { JobsPage } from './jobs-page';

function someLogs(overrides: Partial<JobLogs> = {}): JobLogs {
  return {
    job: 'job-1',
    attempt: 1,
    node: 'light-1',
    stream: 'both',
    lines: [],
    truncated: { stdout: false, stderr: false },
    complete: true,
    ...overrides,
  };
}

// The real JobsApi, generated client and SSE parser, over a fake manager holding jobs and their logs.
describe('JobPage', () => {
  let manager: FakeManager;
  let jobs: FakeJobs;
  let streams: FakeStreamOpener;
  /** What `GET …/logs` answers without follow. */
  let logs: JobLogs;
  /** The follow streams opened, by attempt pinned (`last` when none: the page pins none). */
  let follows: Map<string, FakeLogStream>;

  beforeEach(() => {
    manager = new FakeManager();
    jobs = new FakeJobs();
    streams = new FakeStreamOpener();
    logs = someLogs();
    follows = new Map();
    const storage = new MemoryStorage();
    storage.setItem('strato.ownerToken', manager.token);
    TestBed.configureTestingModule({
      providers: [
        { provide: FETCH, useValue: manager.fetch },
        { provide: BROWSER_STORAGE, useValue: storage },
        { provide: STREAM_OPENER, useValue: streams.open },
        provideRouter(
          [
            { path: 'jobs', component: JobsPage },
            { path: 'jobs/:id', component: JobPage },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
  });

  function hold(...held: Job[]): void {
    jobs.jobs = held;
    jobs.serve(manager);
    for (const job of held) {
      manager.on('GET', `/api/v1/jobs/${job.id}/logs`, (request) => {
        const query = new URL(request.url).searchParams;
        if (query.get('follow') !== 'true') return Response.json({ ...logs, job: job.id });
        const stream = new FakeLogStream();
        follows.set(query.get('attempt') ?? 'last', stream);
        return stream.respond(request);
      });
    }
  }

  async function render(url: string): Promise<{ element: HTMLElement; settle: () => Promise<void> }> {
    TestBed.inject(LiveConnection).connect(manager.token, {
      changed: () => undefined,
      refused: () => undefined,
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, JobPage);
    const settle = async (): Promise<void> => {
      for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setTimeout(resolve));
      await harness.fixture.whenStable();
    };
    await settle();
    return { element: harness.routeNativeElement as HTMLElement, settle };
  }

  const field = (element: HTMLElement, label: string): string => {
    const term = [...element.querySelectorAll('dt')].find((dt) => text(dt) === label);
    return text(term?.nextElementSibling);
  };
  const abortButton = (element: HTMLElement): HTMLButtonElement | undefined =>
    [...element.querySelectorAll('button')].find((button) => ['Abort', 'Aborting…'].includes(text(button)));
  const logLines = (element: HTMLElement): string[] =>
    [...element.querySelectorAll('pre.job-logs .log-line')].map(
      (line) => `${line.getAttribute('data-stream')}: ${line.textContent}`,
    );
  const followCalls = (): string[] => calls(manager).filter((call) => call.includes('follow=true'));

  it('shows every field of the job', async () => {
    hold(
      aJob({
        id: 'job-1',
        pod: 'heavy',
        workload: { name: 'heavy', params: { scale: 2 } },
        priority: 5,
        timeoutS: 600,
        array: { id: 'job-arr', index: 3, count: 20, parallelism: 4 },
        retry: {
          maxRetries: 1,
          backoffBaseMs: 500,
          backoffMaxMs: 8000,
          rules: [{ onExitCodes: [2], action: 'FailJob' }],
        },
        durationMs: 2500,
      }),
    );
    const { element } = await render('/jobs/job-1');

    expect(text(element.querySelector('h2'))).toBe('Job job-1');
    expect(text(element.querySelector('strato-job-header .job-status'))).toBe('SUCCEEDED');
    expect(field(element, 'Pod')).toBe('heavy');
    expect(field(element, 'Workload')).toContain('heavy');
    expect(text(element.querySelector('.param'))).toBe('scale = 2');
    expect(field(element, 'Array')).toBe('task 3 of 20 in job-arr, at most 4 at once');
    expect(element.querySelector('dd a[href="/jobs?array=job-arr"]')).not.toBeNull();
    expect(field(element, 'Attempt')).toBe('1 of 2');
    expect(field(element, 'Node')).toBe('light-1');
    expect(field(element, 'Ended')).toBe('exit 0');
    expect(field(element, 'Priority')).toBe('5');
    expect(field(element, 'Timeout')).toBe('600 s');
    expect(field(element, 'Retries')).toBe('1 retry, backoff 0.5 s doubling to 8 s exit 2 → FailJob');
    expect(field(element, 'Duration')).toBe('2.5 s');
    expect(field(element, 'Abort requested')).toBe('no');
    expect(abortButton(element)).toBeUndefined();
  });

  const attemptRows = (element: HTMLElement): string[][] =>
    [...element.querySelectorAll('li.attempt')].map((row) =>
      ['.number', '.where', '.end', '.run-time'].map((part) => text(row.querySelector(part))),
    );

  it('lists each attempt the job carries, with its node, agent, end and run time, asking nothing more', async () => {
    hold(
      aJob({
        id: 'job-1',
        status: 'FAILED',
        attempt: 3,
        node: 'light-3',
        exitCode: 1,
        attempts: [
          anAttempt({ attempt: 1, exitCode: null, signal: 'SIGKILL', reason: 'NodeLost' }),
          anAttempt({
            attempt: 2,
            node: 'light-2',
            agent: null,
            exitCode: 2,
            endedAt: '2026-01-01T10:00:10.000Z',
          }),
          anAttempt({ attempt: 3, node: 'light-3', exitCode: 1 }),
        ],
      }),
    );
    const { element } = await render('/jobs/job-1');

    expect(attemptRows(element)).toEqual([
      ['#1', 'light-1 on local', 'NodeLost (signal SIGKILL)', '2.5 s'],
      ['#2', 'light-2', 'exit 2', '9.0 s'],
      ['#3', 'light-3 on local', 'exit 1', '2.5 s'],
    ]);
    expect(element.querySelector('li.attempt[data-attempt="3"]')?.classList).toContain('failed');
    expect(followCalls()).toEqual([]);
  });

  it('shows the current attempt running beside the requeued one, following only its logs', async () => {
    hold(
      aRunningJob({
        id: 'job-1',
        attempt: 2,
        node: 'light-2',
        attempts: [
          anAttempt({ attempt: 1, exitCode: null, reason: 'NodeLost' }),
          anAttempt({
            attempt: 2,
            node: 'light-2',
            startedAt: new Date(Date.now() - 5000).toISOString(),
            endedAt: null,
            exitCode: null,
          }),
        ],
      }),
    );
    const { element } = await render('/jobs/job-1');

    expect(attemptRows(element).map((row) => row.slice(0, 3))).toEqual([
      ['#1', 'light-1 on local', 'NodeLost'],
      ['#2', 'light-2 on local', 'running'],
    ]);
    expect(attemptRows(element)[1][3]).toMatch(/^\d\.\d s so far$/);
    expect(element.querySelector('li.attempt[data-attempt="2"]')?.getAttribute('data-state')).toBe('running');
    expect(element.querySelector('li.attempt[data-attempt="1"]')?.classList).toContain('failed');
    expect(followCalls()).toEqual(['GET /api/v1/jobs/job-1/logs?follow=true']);
  });

  it('says a job never started has no attempts yet', async () => {
    hold(aJob({ id: 'job-1', status: 'QUEUED', attempt: 0, node: null, exitCode: null, attempts: [] }));
    const { element } = await render('/jobs/job-1');

    expect(text(element.querySelector('strato-job-attempts .quiet'))).toBe('Not started yet.');
    expect(element.querySelector('li.attempt')).toBeNull();
  });

  it('aborts a running job and says it is being killed', async () => {
    hold(aRunningJob({ id: 'job-1' }));
    manager.on('POST', '/api/v1/jobs/job-1/abort', () =>
      Response.json(aRunningJob({ id: 'job-1', abortRequested: true })),
    );
    const { element, settle } = await render('/jobs/job-1');

    abortButton(element)?.click();
    await settle();

    expect(calls(manager)).toContain('POST /api/v1/jobs/job-1/abort');
    expect(abortButton(element)?.disabled).toBe(true);
    expect(text(abortButton(element))).toBe('Aborting…');
    expect(text(element.querySelector('.abort'))).toContain('Abort asked: the job is being killed.');
  });

  it('shows the manager’s reason when it refuses the abort with a 409', async () => {
    hold(aRunningJob({ id: 'job-1' }));
    const refusal = 'job job-1 already ended SUCCEEDED; a final state is final, so there is nothing to abort';
    manager.on('POST', '/api/v1/jobs/job-1/abort', () => houseError(409, 'Conflict', refusal));
    const { element, settle } = await render('/jobs/job-1');
    const reads = calls(manager).filter((call) => call === 'GET /api/v1/jobs/job-1').length;

    abortButton(element)?.click();
    await settle();

    expect(text(element.querySelector('strato-job-header [role="alert"]'))).toBe(`Cannot abort: ${refusal}`);
    expect(calls(manager).filter((call) => call === 'GET /api/v1/jobs/job-1')).toHaveLength(reads + 1);
    expect(abortButton(element)?.disabled).toBe(false);
  });

  it('shows an ended job’s logs, stdout and stderr told apart, and says when a stream was truncated', async () => {
    hold(aJob({ id: 'job-1', status: 'FAILED', exitCode: 1 }));
    logs = someLogs({
      lines: [
        { stream: 'stdout', text: 'starting' },
        { stream: 'stderr', text: 'warning: low memory' },
        { stream: 'stdout', text: '' },
        { stream: 'stdout', text: '[strato: output truncated after 1048576 bytes]' },
      ],
      truncated: { stdout: true, stderr: false },
    });
    const { element } = await render('/jobs/job-1');

    expect(logLines(element)).toEqual([
      'stdout: starting',
      'stderr: warning: low memory',
      'stdout: ',
      'stdout: [strato: output truncated after 1048576 bytes]',
    ]);
    expect(text(element.querySelector('.log-attempt'))).toBe('attempt 1 on node light-1');
    expect(element.querySelector('pre.job-logs')?.textContent).toBe(
      'attempt 1 on node light-1startingwarning: low memory[strato: output truncated after 1048576 bytes]',
    );
    expect(text(element.querySelector('.truncated'))).toBe(
      'Truncated: stdout went over the size cap; what came after was dropped.',
    );
    expect(followCalls()).toEqual([]);
  });

  it('follows a running job’s logs: lines are added as they come, and following stops at the end', async () => {
    hold(aRunningJob({ id: 'job-1' }));
    const { element, settle } = await render('/jobs/job-1');
    const stream = follows.get('last');
    if (!stream) throw new Error('the page did not follow the logs');
    expect(followCalls()).toEqual(['GET /api/v1/jobs/job-1/logs?follow=true']);
    expect(text(element.querySelector('.no-output'))).toBe('No output yet…');

    stream.send('attempt', { attempt: 1, node: 'light-1' });
    stream.line('stdout', 'step 1 of 2');
    stream.keepAlive();
    await settle();
    expect(logLines(element)).toEqual(['stdout: step 1 of 2']);
    expect(text(element.querySelector('.following'))).toBe('Following live…');

    stream.line('stderr', 'retrying a download');
    stream.line('stdout', 'step 2 of 2');
    await settle();
    expect(logLines(element)).toEqual([
      'stdout: step 1 of 2',
      'stderr: retrying a download',
      'stdout: step 2 of 2',
    ]);

    hold(aJob({ id: 'job-1', status: 'SUCCEEDED' }));
    stream.end('SUCCEEDED', { number: 1, node: 'light-1', exitCode: 0, signal: null, reason: null });
    await settle();
    expect(element.querySelector('.following')).toBeNull();
    expect(text(element.querySelector('strato-job-header .job-status'))).toBe('SUCCEEDED');
    expect(abortButton(element)).toBeUndefined();
    expect(logLines(element)).toHaveLength(3);
    expect(calls(manager)).toContain('GET /api/v1/jobs/job-1/logs?tail=1');

    streams.last.frame({
      kind: 'events',
      lastEventId: 9,
      events: [anEvent({ id: 9, type: 'JobSucceeded' })],
    });
    await settle();
    expect(followCalls()).toHaveLength(1);
  });

  it('follows again, from the stored lines, when the log stream closes before the job ended', async () => {
    hold(aRunningJob({ id: 'job-1' }));
    const { element, settle } = await render('/jobs/job-1');
    follows.get('last')?.line('stdout', 'one');
    follows.get('last')?.close();
    await settle();

    streams.last.frame({ kind: 'events', lastEventId: 5, events: [anEvent({ id: 5, type: 'JobStarted' })] });
    await settle();
    follows.get('last')?.line('stdout', 'one');
    follows.get('last')?.line('stdout', 'two');
    await settle();

    expect(followCalls()).toHaveLength(2);
    expect(logLines(element)).toEqual(['stdout: one', 'stdout: two']);
  });

  it('stops following when the page is left', async () => {
    hold(aRunningJob({ id: 'job-1' }));
    const { settle } = await render('/jobs/job-1');
    expect(follows.get('last')?.abandoned).toBe(false);

    await TestBed.inject(Router).navigateByUrl('/jobs');
    await settle();

    expect(follows.get('last')?.abandoned).toBe(true);
  });

  it('says there is no such job, with a way back to the jobs', async () => {
    hold();
    manager.on('GET', '/api/v1/jobs/job-404', () => houseError(404, 'Not Found', 'unknown job "job-404"'));
    const { element } = await render('/jobs/job-404');

    expect(text(element.querySelector('.not-found'))).toBe('No job job-404 — back to the jobs');
    expect(element.querySelector('.not-found a')?.getAttribute('href')).toBe('/jobs');
    expect(element.querySelector('pre.job-logs')).toBeNull();
  });
});
