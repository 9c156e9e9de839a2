import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../program';
import { interpreterOf, submitBody } from './job-submit';
import { progressLine } from './job-wait';
import { captureOutput } from '../../testing/captured-output';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const job = (change: Record<string, unknown> = {}) => ({
  id: 'job-0000abcd',
  pod: 'light',
  workload: { name: 'sleep', params: { seconds: 1 } },
  script: null,
  timeoutS: 3600,
  priority: 0,
  retry: { maxRetries: 2, backoffBaseMs: 1000, backoffMaxMs: 60000, rules: [] },
  array: null,
  status: 'QUEUED',
  abortRequested: false,
  node: null,
  attempt: 0,
  exitCode: null,
  signal: null,
  reason: null,
  submittedAt: '2026-12-01T15:00:00.000Z',
  queuedAt: '2026-12-01T15:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  attempts: [],
  ...change,
});

/** A fake manager: each call answers the next reply for its method and path. */
function manager(replies: Record<string, (() => Response)[]>) {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const fetchImpl = jest.fn(async (input: Request | string) => {
    const request = typeof input === 'string' ? new Request(input) : input;
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}`;
    const text = request.method === 'POST' ? await request.text() : '';
    calls.push({
      method: request.method,
      path: url.pathname + url.search,
      body: text ? JSON.parse(text) : undefined,
    });
    const queue = replies[key];
    if (!queue?.length) throw new Error(`unexpected ${key}`);
    return (queue.length > 1 ? queue.shift() : queue[0]) as () => Response;
  });
  return { calls, fetch: (async (input: Request | string) => (await fetchImpl(input))()) as typeof fetch };
}

const connection = ['--url', 'http://127.0.0.1:9', '--token', 't'];

describe('cloud job', () => {
  describe('submit body', () => {
    const read = (source: string) => () => source;

    it('sends a workload with numeric parameters and the retry count', () => {
      expect(
        submitBody('heavy', { workload: 'heavy', param: ['scale=2'], retries: 0, timeout: 60 }, [], read('')),
      ).toEqual({
        pod: 'heavy',
        workload: { name: 'heavy', params: { scale: 2 } },
        timeoutS: 60,
        retry: { maxRetries: 0 },
        priority: undefined,
        count: undefined,
        parallelism: undefined,
      });
    });

    it('sends a script with its interpreter, arguments and environment', () => {
      expect(
        submitBody(
          'light',
          { script: 'task.py', env: ['A=1=2'], count: 4, parallelism: 2 },
          ['x'],
          read('print(1)'),
        ),
      ).toMatchObject({
        script: { interpreter: 'python', source: 'print(1)', args: ['x'], env: { A: '1=2' } },
        count: 4,
        parallelism: 2,
      });
    });

    it.each([
      [{}, 'give either --workload NAME (cloud job workloads lists them) or --script FILE, not both'],
      [{ workload: 'heavy', script: 'x.sh' }, 'give either --workload NAME'],
      [{ workload: 'heavy', param: ['scale=big'] }, '--param scale=big: a workload parameter is a number'],
      [{ workload: 'heavy', param: ['scale'] }, '--param "scale" must be NAME=VALUE'],
      [
        { script: 'task' },
        'cannot tell how to run task from its name or #! line: add --interpreter sh|node|python',
      ],
    ])('refuses %j, saying what to do', (options, message) => {
      expect(() => submitBody('light', options, [], read('echo hi'))).toThrow(message);
    });

    it.each([
      ['a.sh', '', 'sh'],
      ['a.mjs', '', 'node'],
      ['a', '#!/usr/bin/env python3\nprint(1)', 'python'],
      ['a', '#!/bin/bash\necho', 'sh'],
      ['a', '#!/usr/bin/env node', 'node'],
      ['a.txt', 'echo', undefined],
    ])('runs %s (%j) with %s', (file, source, interpreter) => {
      expect(interpreterOf(file, source)).toBe(interpreter);
    });
  });

  it('lists jobs as a table, with how each ended', async () => {
    const fake = manager({
      'GET /api/v1/jobs': [
        () => json(200, [job({ status: 'FAILED', node: 'n1', attempt: 3, exitCode: 2, durationMs: 1500 })]),
      ],
    });
    const output = captureOutput();
    expect(await runCli(['job', 'ls', '--status', 'FAILED', ...connection], output, fake.fetch)).toBe(0);
    expect(fake.calls[0].path).toBe('/api/v1/jobs?status=FAILED');
    expect(output.stdout[0]).toMatch(
      /job-0000abcd\s+│\s+light\s+│\s+FAILED\s+│\s+sleep\s+│\s+n1\s+│\s+3\s+│\s+0\s+│\s+exit 2\s+│\s+1\.5 s/,
    );
  });

  it('waits with --wait, a line per change, and exits 4 when the job did not succeed', async () => {
    const fake = manager({
      'POST /api/v1/jobs': [() => json(201, job())],
      'GET /api/v1/jobs/job-0000abcd': [
        () => json(200, job({ status: 'RUNNING', node: 'n1', attempt: 1 })),
        () => json(200, job({ status: 'FAILED', node: 'n1', attempt: 1, exitCode: 1 })),
      ],
    });
    const output = captureOutput();
    const code = await runCli(
      ['job', 'submit', 'light', '--workload', 'sleep', '--wait', ...connection],
      output,
      fake.fetch,
    );
    expect(code).toBe(4);
    expect(output.stderr.map((line) => line.replace(/, \d+ s$/, ''))).toEqual([
      'queued job job-0000abcd (sleep) on pod light; cloud job log job-0000abcd -f follows it',
      'job job-0000abcd RUNNING on n1',
      'job job-0000abcd FAILED (exit 1)',
      'error: job job-0000abcd ended FAILED; `cloud job log job-0000abcd` shows its output',
    ]);
  });

  it('follows the log stream with -f: stdout lines on stdout, stderr and attempts on stderr', async () => {
    const frames = [
      'event: attempt\ndata: {"attempt":1,"node":"n1"}\n\n',
      ': keep-alive\n\n',
      'event: line\ndata: {"stream":"stdout","text":"hello"}\n\n',
      'event: line\ndata: {"stream":"stderr","text":"oops"}\n\n',
      'event: end\ndata: {"status":"SUCCEEDED","attempt":{"number":1}}\n\n',
    ].join('');
    const fake = manager({
      'GET /api/v1/jobs/job-0000abcd/logs': [
        () => new Response(frames, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
      ],
    });
    const output = captureOutput();
    expect(
      await runCli(['job', 'log', 'job-0000abcd', '-f', '--tail', '5', ...connection], output, fake.fetch),
    ).toBe(0);
    expect(fake.calls[0].path).toBe('/api/v1/jobs/job-0000abcd/logs?follow=true&tail=5');
    expect(output.stdout).toEqual(['hello']);
    expect(output.stderr).toEqual([
      '--- attempt 1 on node n1 ---',
      'oops',
      '--- job job-0000abcd SUCCEEDED ---',
    ]);
  });

  it('shows a job with a table of its attempts: a lost node requeued, then the one running', async () => {
    const attempts = [
      {
        attempt: 1,
        node: 'n1',
        agent: 'local',
        startedAt: '2026-12-01T15:00:01.000Z',
        endedAt: '2026-12-01T15:00:04.500Z',
        exitCode: null,
        signal: null,
        reason: 'NodeLost',
      },
      {
        attempt: 2,
        node: 'n2',
        agent: null,
        startedAt: '2026-12-01T15:00:06.000Z',
        endedAt: null,
        exitCode: null,
        signal: null,
        reason: null,
      },
    ];
    const running = job({ status: 'RUNNING', node: 'n2', attempt: 2, attempts });
    const fake = manager({ 'GET /api/v1/jobs/job-0000abcd': [() => json(200, running)] });
    const output = captureOutput();
    expect(await runCli(['job', 'get', 'job-0000abcd', ...connection], output, fake.fetch)).toBe(0);
    const [shown] = output.stdout;
    expect(shown).toMatch(/^attempt\s+2 of at most 3$/m);
    const [, table] = shown.split('\n\nattempts\n');
    const rows = table.split('\n').filter((line) => line.startsWith('│'));
    expect(
      rows.map((row) =>
        row
          .split('│')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      ),
    ).toEqual([
      ['ATTEMPT', 'NODE', 'AGENT', 'STARTED', 'ENDED', 'END', 'DURATION'],
      ['1', 'n1', 'local', '2026-12-01 15:00:01', '2026-12-01 15:00:04', 'NodeLost', '3.5 s'],
      ['2', 'n2', '-', '2026-12-01 15:00:06', 'running', '-', '-'],
    ]);

    const asJson = captureOutput();
    await runCli(['job', 'get', 'job-0000abcd', '--json', ...connection], asJson, fake.fetch);
    expect(JSON.parse(asJson.stdout[0]).attempts).toEqual(attempts);
  });

  it('shows a job never started without an attempts table', async () => {
    const fake = manager({ 'GET /api/v1/jobs/job-0000abcd': [() => json(200, job())] });
    const output = captureOutput();
    expect(await runCli(['job', 'get', 'job-0000abcd', ...connection], output, fake.fetch)).toBe(0);
    expect(output.stdout[0]).toMatch(/^status\s+QUEUED$/m);
    expect(output.stdout[0]).not.toContain('attempts');
  });

  it('aborts with the seed form `cloud abort JOB_ID`', async () => {
    const fake = manager({
      'POST /api/v1/jobs/job-0000abcd/abort': [
        () => json(200, job({ status: 'RUNNING', node: 'n1', attempt: 1, abortRequested: true })),
      ],
    });
    const output = captureOutput();
    expect(await runCli(['abort', 'job-0000abcd', ...connection], output, fake.fetch)).toBe(0);
    expect(output.stdout).toEqual([
      'abort of job job-0000abcd requested: attempt 1 on node n1 is being killed (cloud job get job-0000abcd shows it ABORTED)',
    ]);
  });

  describe('cloud launch', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'strato-cli-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('submits an existing file as a script to pod light, or the pod --pod names', async () => {
      const file = join(dir, 'task.sh');
      writeFileSync(file, 'echo "$1"\n');
      const fake = manager({
        'POST /api/v1/jobs': [
          () =>
            json(
              201,
              job({
                pod: 'heavy',
                workload: null,
                script: { interpreter: 'sh', sourceBytes: 10, args: ['x'], env: {} },
              }),
            ),
        ],
      });
      const output = captureOutput();
      expect(
        await runCli(['launch', file, '--pod', 'heavy', ...connection, '--', 'x'], output, fake.fetch),
      ).toBe(0);
      expect(fake.calls[0].body).toMatchObject({
        pod: 'heavy',
        script: { interpreter: 'sh', source: 'echo "$1"\n', args: ['x'], env: {} },
      });
      expect(output.stdout[0]).toBe(
        'queued job job-0000abcd (sh script (10 B)) on pod heavy; cloud job log job-0000abcd -f follows it',
      );
    });

    it('still launches a pod when the argument is not a file', async () => {
      const fake = manager({
        'POST /api/v1/pods/light/launch': [
          () => json(201, { name: 'n1', status: 'ONLINE', host: '127.0.0.1', port: 1 }),
        ],
      });
      const output = captureOutput();
      expect(await runCli(['launch', 'light', '--json', ...connection], output, fake.fetch)).toBe(0);
      expect(fake.calls.map((call) => call.path)).toEqual(['/api/v1/pods/light/launch']);
    });
  });

  it('shows an array as counts per status', () => {
    const tasks = ['SUCCEEDED', 'RUNNING', 'QUEUED', 'QUEUED'].map((status, index) =>
      job({ id: `job-1-${index}`, status, array: { id: 'job-1', index, count: 4, parallelism: 1 } }),
    ) as never[];
    expect(progressLine(tasks, 3000).text).toBe('array job-1: 1 SUCCEEDED, 1 RUNNING, 2 QUEUED of 4, 3 s');
  });
});
