import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { anEvent } from '../../testing/event-fixtures';
import { FakeJobs } from '../../testing/fake-jobs';
import { FakeManager, houseError } from '../../testing/fake-manager';
import { FakeStreamOpener } from '../../testing/fake-stream';
import { aPod, MemoryStorage } from '../../testing/fixtures';
import { aJob, aRunningJob } from '../../testing/job-fixtures';
import { calls, text } from '../../testing/render-pod-page';
import { FETCH } from '../api/strato-api';
import { CloudStore } from '../cloud/cloud.store';
import { LiveConnection, STREAM_OPENER } from '../cloud/live-connection';
import { BROWSER_STORAGE } from '../cloud/owner-token.store';
import { JobsPage } from './jobs-page';

// The real JobsApi and generated client, over a fake manager holding jobs.
describe('JobsPage', () => {
  let manager: FakeManager;
  let jobs: FakeJobs;
  let streams: FakeStreamOpener;

  beforeEach(() => {
    manager = new FakeManager();
    manager.pods = [aPod({ name: 'light' }), aPod({ name: 'heavy' })];
    jobs = new FakeJobs();
    manager.on('GET', '/api/v1/jobs', jobs.list);
    streams = new FakeStreamOpener();
    const storage = new MemoryStorage();
    storage.setItem('strato.ownerToken', manager.token);
    TestBed.configureTestingModule({
      providers: [
        { provide: FETCH, useValue: manager.fetch },
        { provide: BROWSER_STORAGE, useValue: storage },
        { provide: STREAM_OPENER, useValue: streams.open },
        provideRouter([{ path: 'jobs', component: JobsPage }], withComponentInputBinding()),
      ],
    });
  });

  async function render(url = '/jobs'): Promise<{ element: HTMLElement; settle: () => Promise<void> }> {
    await TestBed.inject(CloudStore).refresh();
    TestBed.inject(LiveConnection).connect(manager.token, {
      changed: () => undefined,
      refused: () => undefined,
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, JobsPage);
    const settle = async (): Promise<void> => {
      for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setTimeout(resolve));
      await harness.fixture.whenStable();
    };
    await settle();
    return { element: harness.routeNativeElement as HTMLElement, settle };
  }

  const listReads = (): string[] => calls(manager).filter((call) => call.startsWith('GET /api/v1/jobs?'));
  const lastRead = (): Record<string, string> =>
    Object.fromEntries(new URLSearchParams(listReads().at(-1)?.split('?')[1] ?? ''));
  const rowIds = (element: HTMLElement): (string | null)[] =>
    [...element.querySelectorAll('tr[data-job]')].map((row) => row.getAttribute('data-job'));
  const cell = (element: HTMLElement, id: string, label: string): string =>
    text(element.querySelector(`tr[data-job="${id}"] td[data-label="${label}"]`));
  function choose(element: HTMLElement, name: string, value: string): void {
    const control = element.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
    if (!control) throw new Error(`no control named ${name}`);
    control.value = value;
    control.dispatchEvent(new Event('change'));
  }
  const button = (element: HTMLElement, label: string): HTMLButtonElement => {
    const found = [...element.querySelectorAll('button')].find((candidate) => text(candidate) === label);
    if (!found) throw new Error(`no button ${label}`);
    return found;
  };

  it('lists the jobs newest first with their status, attempt of the most allowed, node, duration and exit', async () => {
    jobs.jobs = [
      aJob({ id: 'job-old', submittedAt: '2026-01-01T09:00:00.000Z' }),
      aJob({
        id: 'job-failed',
        pod: 'heavy',
        status: 'FAILED',
        attempt: 3,
        node: 'heavy-2',
        exitCode: 1,
        durationMs: 65_000,
        submittedAt: '2026-01-01T09:30:00.000Z',
      }),
      aRunningJob({ id: 'job-new', attempt: 2, submittedAt: '2026-01-01T10:00:00.000Z' }),
      aJob({
        id: 'job-queued',
        status: 'QUEUED',
        attempt: 0,
        node: null,
        exitCode: null,
        startedAt: null,
        finishedAt: null,
        durationMs: null,
        workload: null,
        script: { interpreter: 'sh', sourceBytes: 58, args: [], env: {} },
        submittedAt: '2026-01-01T10:30:00.000Z',
      }),
    ];
    const { element } = await render();

    expect(lastRead()).toEqual({ limit: '51' });
    expect(rowIds(element)).toEqual(['job-queued', 'job-new', 'job-failed', 'job-old']);
    expect([...element.querySelectorAll('tr[data-job] .job-status')].map((badge) => text(badge))).toEqual([
      'QUEUED',
      'RUNNING',
      'FAILED',
      'SUCCEEDED',
    ]);
    expect(cell(element, 'job-failed', 'Attempt')).toBe('3 of 3');
    expect(cell(element, 'job-new', 'Attempt')).toBe('2 of 3');
    expect(cell(element, 'job-failed', 'Node')).toBe('heavy-2');
    expect(cell(element, 'job-failed', 'Duration')).toBe('1 min 5 s');
    expect(cell(element, 'job-failed', 'Exit')).toBe('exit 1');
    expect(cell(element, 'job-queued', 'What')).toBe('sh script (58 B)');
    expect(cell(element, 'job-old', 'What')).toBe('light (scale 1)');
    expect(element.querySelector('tr[data-job="job-failed"]')?.getAttribute('data-status')).toBe('FAILED');
    expect(element.querySelector('tr[data-job="job-failed"] a')?.getAttribute('href')).toBe(
      '/jobs/job-failed',
    );
    expect(element.querySelector('.pages')).toBeNull();
  });

  it('asks the manager for the status, pod and node chosen, and keeps them in the URL', async () => {
    const { element, settle } = await render();
    const podChoices = [...element.querySelectorAll('select[name="pod"] option')].map((option) =>
      text(option),
    );
    expect(podChoices).toEqual(['all pods', 'light', 'heavy']);

    choose(element, 'status', 'FAILED');
    await settle();
    expect(TestBed.inject(Router).url).toBe('/jobs?status=FAILED');
    expect(lastRead()).toEqual({ status: 'FAILED', limit: '51' });

    choose(element, 'pod', 'heavy');
    await settle();
    choose(element, 'node', ' heavy-3 ');
    await settle();
    expect(TestBed.inject(Router).url).toBe('/jobs?status=FAILED&pod=heavy&node=heavy-3');
    expect(lastRead()).toEqual({ status: 'FAILED', pod: 'heavy', node: 'heavy-3', limit: '51' });

    choose(element, 'status', '');
    await settle();
    expect(TestBed.inject(Router).url).toBe('/jobs?pod=heavy&node=heavy-3');
    expect(lastRead()).toEqual({ pod: 'heavy', node: 'heavy-3', limit: '51' });
  });

  it('reproduces the view a link names, an array’s tasks and a page included', async () => {
    const { element, settle } = await render('/jobs?status=RUNNING&array=job-arr&page=2');

    expect(lastRead()).toEqual({ status: 'RUNNING', array: 'job-arr', limit: '51', offset: '50' });
    expect(element.querySelector<HTMLSelectElement>('select[name="status"]')?.value).toBe('RUNNING');
    expect(text(element.querySelector('.array'))).toContain('Tasks of array job-arr');

    button(element, 'Show all jobs').click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/jobs?status=RUNNING');
    expect(lastRead()).toEqual({ status: 'RUNNING', limit: '51' });
  });

  it('pages through the jobs 50 at a time, older and back to newer', async () => {
    jobs.jobs = Array.from({ length: 120 }, (_, index) =>
      aJob({ id: `job-${index}`, submittedAt: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString() }),
    );
    const { element, settle } = await render();
    expect(rowIds(element)).toHaveLength(50);
    expect(rowIds(element)[0]).toBe('job-119');

    button(element, 'Older').click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/jobs?page=2');
    expect(lastRead()).toEqual({ limit: '51', offset: '50' });
    expect(rowIds(element)[0]).toBe('job-69');

    button(element, 'Older').click();
    await settle();
    expect(rowIds(element)).toHaveLength(20);
    expect(button(element, 'Older').disabled).toBe(true);

    button(element, 'Newer').click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/jobs?page=2');
    expect(button(element, 'Newer').disabled).toBe(false);
  });

  it('reads the jobs again on a Job event from the live stream, and not on another event', async () => {
    jobs.jobs = [aRunningJob({ id: 'job-1' })];
    const { element, settle } = await render();
    const reads = listReads().length;

    streams.last.frame({ kind: 'events', lastEventId: 2, events: [anEvent({ id: 2, type: 'NodeOnline' })] });
    await settle();
    expect(listReads()).toHaveLength(reads);

    jobs.jobs = [aJob({ id: 'job-1', status: 'SUCCEEDED' })];
    streams.last.frame({
      kind: 'events',
      lastEventId: 3,
      events: [anEvent({ id: 3, type: 'JobSucceeded' })],
    });
    await settle();
    expect(listReads()).toHaveLength(reads + 1);
    expect(text(element.querySelector('tr[data-job="job-1"] .job-status'))).toBe('SUCCEEDED');
  });

  it('reads once at a time: a burst of job events while a read is out makes one more read', async () => {
    jobs.jobs = [aRunningJob({ id: 'job-1' })];
    const { settle } = await render();
    const reads = listReads().length;
    let answer: (response: Response) => void = () => undefined;
    manager.on('GET', '/api/v1/jobs', () => new Promise<Response>((resolve) => (answer = resolve)));

    for (const id of [2, 3, 4]) {
      streams.last.frame({ kind: 'events', lastEventId: id, events: [anEvent({ id, type: 'JobQueued' })] });
      await settle();
    }
    expect(listReads()).toHaveLength(reads + 1);

    manager.on('GET', '/api/v1/jobs', jobs.list);
    answer(Response.json([]));
    await settle();
    expect(listReads()).toHaveLength(reads + 2);
  });

  it('says how to submit a job when there are none', async () => {
    const { element } = await render();

    expect(text(element.querySelector('.empty'))).toBe('No jobs yet — submit one with cloud job submit.');
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('says when no job matches the filters', async () => {
    jobs.jobs = [aJob({ id: 'job-1' })];
    const { element } = await render('/jobs?status=FAILED');

    expect(text(element.querySelector('.empty'))).toBe('No jobs match these filters.');
  });

  it('shows the manager’s message when the read fails', async () => {
    manager.on('GET', '/api/v1/jobs', () =>
      houseError(400, 'Bad Request', 'status must be one of QUEUED, RUNNING'),
    );
    const { element } = await render();

    expect(text(element.querySelector('[role="alert"]'))).toBe(
      'Cannot read the jobs: the manager answered 400: status must be one of QUEUED, RUNNING',
    );
    expect(element.querySelector('.empty')).toBeNull();
  });
});
