import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Job, type StratoClient, unwrap } from '@strato/api-client';
import { cloud, cloudSession } from './support/cli';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { cliCommands, commandOf, documentedOperations, recordingClient } from './support/coverage';
import { freshGet } from './support/fresh-get';
import { capsToExpect, runtimeNodes } from './support/runtime-nodes';
import { describeEachCloud } from './support/variants';

/**
 * One cloud owner's session, step by step, on each variant: every command of the real `cloud` binary and
 * every route of the API through the generated client, each followed by a look at the state (through the
 * other door: the load balancer, or the runtime itself: Docker or /proc). Then kill -9 of the manager, and
 * the same pods, nodes and events after the restart. The last test proves nothing was left out.
 */
describeEachCloud('the owner story on $runtime + $lb: every command, every route, kill -9', (variant) => {
  let running: RunningCloud;
  let api: StratoClient;
  let agentApi: StratoClient;
  let groups: Set<string>;
  let configDir: string;
  const called = new Set<string>();
  const ran = new Set<string>();

  const cli = (...args: string[]) => {
    ran.add(commandOf(args, groups));
    return cloud(args, running.cliEnv);
  };
  const cliJson = async <T>(...args: string[]): Promise<T> => {
    const result = await cli(...args, '--json');
    expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: '' });
    return JSON.parse(result.stdout) as T;
  };
  const nodes = async (pod?: string) =>
    unwrap(api.GET('/api/v1/nodes', { params: { query: pod === undefined ? {} : { pod } } }));
  const node = (name: string) => unwrap(api.GET('/api/v1/nodes/{name}', { params: { path: { name } } }));
  const pod = (name: string) => unwrap(api.GET('/api/v1/pods/{pod}', { params: { path: { pod: name } } }));
  const inRuntime = () => runtimeNodes(running, variant.runtime);
  const servedBy = async (path: string, requests: number): Promise<string[]> => {
    const seen = new Set<string>();
    for (let i = 0; i < requests; i++) {
      const response = await freshGet(`${running.lbUrl}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      seen.add((response.body as { node: string }).node);
    }
    return [...seen].sort();
  };
  const waitUntil = async (what: string, check: () => Promise<boolean>, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    running = await startCloud({ ...variant, validateResponses: true });
    configDir = mkdtempSync(join(tmpdir(), 'strato-cli-config-'));
    running.cliEnv = { ...running.cliEnv, STRATO_CONFIG_DIR: configDir };
    api = recordingClient({ baseUrl: running.managerUrl, token: running.token }, called);
    agentApi = recordingClient({ baseUrl: running.managerUrl }, called);
    groups = new Set(
      (await cliCommands(running.cliEnv)).filter((c) => c.includes(' ')).map((c) => c.split(' ')[0]),
    );
  }, 120_000);

  // Every answer the CLI or the client got in the test kept the OpenAPI document's word.
  afterEach(() => running?.validator?.assertResponsesKeptTheDocument());

  afterAll(async () => {
    await running?.stop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it('cloud init and POST /cloud/init create light, medium and heavy once', async () => {
    expect(await cli('init')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('light, medium, heavy'),
    });
    const again = await unwrap(api.POST('/api/v1/cloud/init'));
    expect(again).toMatchObject({ created: [] });
    const status = await unwrap(api.GET('/api/v1/cloud/status'));
    expect(status.pods.map((p) => p.name)).toEqual(['light', 'medium', 'heavy']);
    expect(status.loadBalancer).toMatchObject({ kind: variant.lb });
    expect(status.reconciler).toMatchObject({ intervalMs: 2000 });
    const health = await unwrap(api.GET('/api/health'));
    expect(health).toMatchObject({ status: 'ok' });
  });

  it('registers pods from both doors, changes their size and lists them', async () => {
    expect(
      await cli('pod', 'register', 'tiny', '--cpu', '0.2', '--memory', '64', '--max-nodes', '3'),
    ).toMatchObject({
      code: 0,
      stdout:
        'registered pod tiny (0.2 CPU, 64 MiB, at most 3 nodes) at /tiny, running the light job at scale 1, placed spread\n',
    });
    expect(await pod('tiny')).toMatchObject({ cpus: 0.2, memoryMiB: 64, maxNodes: 3, path: '/tiny' });
    const made = await unwrap(
      api.POST('/api/v1/pods', {
        body: { name: 'batch', cpus: 0.4, memoryMiB: 128, maxNodes: 2, algorithm: 'leastconn' },
      }),
    );
    expect(made).toMatchObject({ name: 'batch', algorithm: 'leastconn', state: 'running' });
    expect((await cli('pod', 'ls')).stdout).toMatch(
      /batch\s+│\s+running\s+│\s+0\.4\s+│\s+128 MiB\s+│\s+light\s+│\s+0\/2/,
    );

    expect((await cli('pod', 'set', 'tiny', '--max-nodes', '4', '--job-scale', '0.5')).code).toBe(0);
    expect(await pod('tiny')).toMatchObject({ maxNodes: 4, job: { kind: 'light', scale: 0.5 } });
    const placed = await cli('pod', 'set', 'tiny', '--placement', 'one-host', '--host-labels', 'zone=a');
    expect(placed.stdout).toContain('placed one-host (zone=a)');
    expect((await cli('pod', 'set', 'tiny', '--placement', 'spread', '--host-labels', '')).code).toBe(0);
    expect((await pod('tiny')).placement).toEqual({ mode: 'spread', labels: {} });
    await unwrap(
      api.PATCH('/api/v1/pods/{pod}', {
        params: { path: { pod: 'batch' } },
        body: { cpus: 0.3, job: { kind: 'medium' } },
      }),
    );
    expect((await pod('batch')).job).toEqual({ kind: 'medium', scale: 1 });
    const listed = await cliJson<{ name: string; cpus: number }[]>('pod', 'ls');
    expect(listed.map((p) => [p.name, p.cpus])).toEqual([
      ['light', 0.3],
      ['medium', 0.5],
      ['heavy', 0.8],
      ['tiny', 0.2],
      ['batch', 0.3],
    ]);
    expect((await unwrap(api.GET('/api/v1/pods'))).length).toBe(5);
  });

  it('registers nodes (names and 0/1/2 aliases) and launches them as capped nodes', async () => {
    expect(await cli('register', 'n1', 'light')).toMatchObject({
      code: 0,
      stdout: 'registered node n1 in pod light (NEW)\n',
    });
    expect((await cli('register', 'n2', '0')).stdout).toBe('registered node n2 in pod light (NEW)\n');
    await unwrap(api.POST('/api/v1/nodes', { body: { name: 'm1', pod: '1' } }));
    expect(
      (await cliJson<{ name: string; status: string }[]>('node', 'ls', 'medium')).map((n) => n.name),
    ).toEqual(['m1']);
    expect((await nodes('light')).map((n) => [n.name, n.status])).toEqual([
      ['n1', 'NEW'],
      ['n2', 'NEW'],
    ]);

    expect((await cli('launch', 'light')).stdout).toMatch(/^node n1 is ONLINE at 127\.0\.0\.1:\d+\n$/);
    const launched = await unwrap(
      api.POST('/api/v1/pods/{pod}/launch', { params: { path: { pod: 'light' } } }),
    );
    expect(launched).toMatchObject({ name: 'n2', status: 'ONLINE', host: '127.0.0.1' });
    expect((await cli('launch', 'medium')).code).toBe(0);
    expect((await node('m1')).status).toBe('ONLINE');

    const launchedNodes = await inRuntime();
    expect([...launchedNodes.keys()]).toEqual(['m1', 'n1', 'n2']);
    const light = await capsToExpect(running, variant.runtime, 'n1', { cpus: 0.3, memoryMiB: 100 });
    expect(launchedNodes.get('n1')?.caps).toEqual(light);
    expect(await servedBy('/light', 6)).toEqual(['n1', 'n2']);
    expect((await cli('node', 'ls')).stdout).toMatch(/m1\s+│\s+medium\s+│\s+ONLINE/);
  });

  it("shows a node's logs, once and followed", async () => {
    const logs = await cli('node', 'logs', 'n1', '--tail', '20');
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/job server n1 \(light\) on 127\.0\.0\.1:\d+/);
    const viaApi = await unwrap(
      api.GET('/api/v1/nodes/{name}/logs', { params: { path: { name: 'n1' }, query: { tail: 5 } } }),
    );
    expect(viaApi.node).toBe('n1');
    expect(viaApi.logs.length).toBeGreaterThan(0);
    ran.add('node logs');
    const followed = await cloudSession(['node', 'logs', 'n2', '-f'], running.cliEnv, {
      interruptWhen: /job server n2 \(light\)/,
    });
    expect(followed.interrupted).toBe(true);
  });

  it('tunes the load balancer from both doors and sees it in the status and in the traffic', async () => {
    expect((await cli('lb', 'status')).stdout).toMatch(/light.*roundrobin/s);
    expect((await cli('lb', 'algorithm', 'light', 'first')).code).toBe(0);
    expect(await servedBy('/light', 4)).toHaveLength(1);
    await unwrap(
      api.PUT('/api/v1/pods/{pod}/algorithm', {
        params: { path: { pod: 'light' } },
        body: { algorithm: 'roundrobin' },
      }),
    );
    expect((await cli('lb', 'weight', 'n1', '0')).code).toBe(0);
    expect(await servedBy('/light', 6)).toEqual(['n2']);
    await unwrap(
      api.PUT('/api/v1/nodes/{name}/weight', { params: { path: { name: 'n1' } }, body: { weight: 1 } }),
    );
    expect(await servedBy('/light', 6)).toEqual(['n1', 'n2']);
    // The requests of the last 10 s, timed by the balancer. HAProxy's access-log ring is read about once
    // a second, so the last lines arrive up to a second later, and a reload (the algorithm change above)
    // loses the old worker's lines not yet read: at least the 12 requests since it, within 3 s.
    const timedRequests = async () => {
      const status = await unwrap(api.GET('/api/v1/lb'));
      return status.pods.find((p) => p.pod === 'light')?.latency?.samples ?? 0;
    };
    const deadline = Date.now() + 3000;
    while ((await timedRequests()) < 10 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    const lb = await unwrap(api.GET('/api/v1/lb'));
    const light = lb.pods.find((p) => p.pod === 'light');
    expect(light).toMatchObject({ algorithm: 'roundrobin', paused: false });
    expect(light?.latency?.samples).toBeGreaterThanOrEqual(10);
    expect(light?.latency?.p90Ms).toBeGreaterThanOrEqual(light?.latency?.p50Ms ?? Infinity);
    expect(light?.servers.map((s) => [s.node, s.weight, s.health])).toEqual([
      ['n1', 1, 'up'],
      ['n2', 1, 'up'],
    ]);
    const watch = await cli('lb', 'watch', '--interval', '200', '--count', '2');
    expect(watch.code).toBe(0);
    expect(watch.stdout).toContain('light');
  });

  it('sends end users from the toolset: one user (cloud request), a seeded Poisson run (cloud simulate)', async () => {
    const answers = await cliJson<{ status: number; node: string }[]>('request', 'light', '-n', '4');
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.node))).toEqual(new Set(['n1', 'n2']));

    const served = async () =>
      (await unwrap(api.GET('/api/v1/lb'))).pods
        .find((p) => p.pod === 'light')
        ?.servers.reduce((sum, s) => sum + s.totalRequests, 0) ?? 0;
    const before = await served();
    const saved = join(configDir, 'run.json');
    const run = await cli(
      'simulate',
      '--pod',
      'light',
      '--rate',
      '40',
      '--duration',
      '2',
      '--seed',
      '7',
      '--json',
      '--out',
      saved,
    );
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({
      code: 0,
      stderr: expect.stringMatching(/simulating end users: poisson 40\/s for 2 s \(seed 7\)/),
    });
    const result = JSON.parse(run.stdout) as { sent: number; ok: number; dropped: number; intended: number };
    expect(result).toMatchObject({ dropped: 0, ok: result.sent, intended: result.sent });
    expect(result.sent).toBeGreaterThan(40); // 80 expected (Poisson, sd 9)
    // The balancer counted every one of them, and nothing else came meanwhile.
    const deadline = Date.now() + 3000;
    while ((await served()) - before < result.sent && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect((await served()) - before).toBe(result.sent);
    const report = await cli('report', saved);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(`requests    intended ${result.intended}  sent ${result.sent}`);
    const refused = await cli('simulate', '--pod', 'nosuchpod', '--rate', '5', '--duration', '1');
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown pod "nosuchpod"') });
    expect(await served()).toBe(before + result.sent);
  });

  it('runs the experiments from the toolset and reads what each node used', async () => {
    const usage = await unwrap(api.GET('/api/v1/pods/{pod}/usage', { params: { path: { pod: 'light' } } }));
    expect(usage.nodes.map((n) => n.node).sort()).toEqual(['n1', 'n2']);
    // The simulated users above made the nodes work: the agents' cumulative CPU says so.
    expect(usage.nodes.every((n) => (n.cpuSeconds ?? 0) > 0 && n.cpus === 0.3)).toBe(true);
    // The manager sampled them every second meanwhile: its history has the simulated users' seconds.
    const metrics = await unwrap(
      api.GET('/api/v1/pods/{pod}/metrics', { params: { path: { pod: 'light' }, query: { range: '15m' } } }),
    );
    expect(metrics).toMatchObject({ pod: 'light', range: '15m', stepSeconds: 1, source: 'raw' });
    expect(metrics.points.some((p) => p.requestRate > 0 && p.nodes.ready === 2)).toBe(true);
    expect(metrics.nodes.map((n) => n.node)).toEqual(expect.arrayContaining(['n1', 'n2']));

    const dir = join(configDir, 'experiments');
    const lb = await cli(
      'experiment',
      'lb',
      '--algorithms',
      'roundrobin',
      '--loads',
      '0.3',
      '--duration',
      '1',
      '--capacity-duration',
      '1',
      '--no-progress',
      '--out-dir',
      join(dir, 'lb'),
    );
    expect({ code: lb.code, stdout: lb.stdout }).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Throughput and latency per algorithm and load (light)'),
    });
    const elastic = await cli(
      'experiment',
      'elasticity',
      '--policies',
      'queue',
      '--scenarios',
      'spike',
      '--min-nodes',
      '2',
      '--max-nodes',
      '3',
      '--lead',
      '1',
      '--spike',
      '2',
      '--tail',
      '2',
      '--capacity-duration',
      '1',
      '--no-progress',
      '--out-dir',
      join(dir, 'elasticity'),
    );
    expect({ code: elastic.code, stderr: elastic.stderr }).toMatchObject({ code: 0 });
    const html = join(dir, 'again.html');
    const report = await cli('report', join(dir, 'elasticity', 'report.json'), '--html', html);
    expect(report).toMatchObject({ code: 0, stdout: expect.stringContaining('Policies on the spike') });
    expect(readFileSync(html, 'utf8')).toBe(readFileSync(join(dir, 'elasticity', 'report.html'), 'utf8'));
    // Both gave the pod back as they found it.
    expect((await nodes('light')).map((n) => [n.name, n.status])).toEqual([
      ['n1', 'ONLINE'],
      ['n2', 'ONLINE'],
    ]);
    expect((await pod('light')).algorithm).toBe('roundrobin');
  });

  it('pauses and resumes pods from both doors; a paused pod answers 503 saying so', async () => {
    expect((await cli('pause', 'light')).code).toBe(0);
    expect(await freshGet(`${running.lbUrl}/light`)).toMatchObject({
      status: 503,
      body: { message: 'pod light is paused' },
    });
    expect((await nodes('light')).map((n) => n.status)).toEqual(['PAUSED', 'PAUSED']);
    // PAUSED nodes are out of rotation but keep running, so resume is instant.
    expect((await inRuntime()).get('n1')?.running).toBe(true);
    expect((await cli('resume', '0')).code).toBe(0);
    expect(await servedBy('/light', 4)).toEqual(['n1', 'n2']);

    await unwrap(api.POST('/api/v1/pods/{pod}/pause', { params: { path: { pod: 'medium' } } }));
    expect((await pod('medium')).state).toBe('paused');
    await unwrap(api.POST('/api/v1/pods/{pod}/resume', { params: { path: { pod: 'medium' } } }));
    expect(await servedBy('/medium', 2)).toEqual(['m1']);
  });

  it('turns elasticity on and off from both doors, and refuses manual changes while it is on', async () => {
    await unwrap(api.PUT('/api/v1/elasticity/tick', { body: { tickMs: 500 } }));
    expect(await cli('elasticity', 'enable', 'tiny', '1', '2')).toMatchObject({ code: 0 });
    await waitUntil('elasticity brings tiny to its minimum of 1 node', async () =>
      (await nodes('tiny')).some((n) => n.status === 'ONLINE'),
    );
    expect(await cli('register', 't9', 'tiny')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('cloud elasticity disable tiny'),
    });
    expect((await cli('elasticity', 'lower_threshold', 'tiny', '15')).code).toBe(0);
    expect((await cli('elasticity', 'upper_threshold', 'tiny', '85')).code).toBe(0);
    expect((await cli('elasticity', 'set', 'tiny', '--cooldown-up', '3000')).code).toBe(0);
    const policy = await unwrap(
      api.GET('/api/v1/pods/{pod}/elasticity', { params: { path: { pod: 'tiny' } } }),
    );
    expect(policy).toMatchObject({
      enabled: true,
      policy: { lower: 15, upper: 85, minNodes: 1, maxNodes: 2, scaleOutCooldownMs: 3000 },
    });
    const refused = await api.PUT('/api/v1/pods/{pod}/elasticity', {
      params: { path: { pod: 'tiny' } },
      body: { lower: 90 },
    });
    expect(refused.response.status).toBe(422);
    await unwrap(
      api.PUT('/api/v1/pods/{pod}/elasticity', { params: { path: { pod: 'tiny' } }, body: { lower: 20 } }),
    );
    expect((await cli('elasticity', 'status', 'tiny')).stdout).toContain('tiny');
    expect((await cli('elasticity', 'disable', 'tiny')).code).toBe(0);

    await unwrap(api.PUT('/api/v1/elasticity/tick', { body: { tickMs: 0 } }));
    await unwrap(
      api.POST('/api/v1/pods/{pod}/elasticity/enable', {
        params: { path: { pod: 'batch' } },
        body: { minNodes: 1, maxNodes: 2 },
      }),
    );
    const all = await unwrap(api.GET('/api/v1/elasticity'));
    expect(all.filter((e) => e.enabled).map((e) => e.pod)).toEqual(['batch']);
    await unwrap(api.POST('/api/v1/pods/{pod}/elasticity/disable', { params: { path: { pod: 'batch' } } }));
    expect((await unwrap(api.GET('/api/v1/elasticity'))).every((e) => !e.enabled)).toBe(true);
    await unwrap(api.PUT('/api/v1/elasticity/tick', { body: { tickMs: 1000 } }));
  });

  it('runs batch jobs from both doors: run on a node of the pod, followed to one end, logs kept, aborted', async () => {
    const job = (id: string) => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } }));
    const until = (id: string, status: string) =>
      waitUntil(`job ${id} is ${status}`, async () => (await job(id)).status === status, 60_000);
    const workloads = await unwrap(api.GET('/api/v1/jobs/workloads'));
    expect(workloads.map((w) => w.name)).toEqual(expect.arrayContaining(['light', 'sleep']));
    expect((await cli('job', 'workloads')).stdout).toContain('sleep');

    // A catalogue workload through the API, to its end on the medium pod's one node.
    const answer = await unwrap(
      api.POST('/api/v1/jobs', {
        body: { pod: 'medium', workload: { name: 'light', params: { scale: 0.1 } } },
      }),
    );
    const [workload] = Array.isArray(answer) ? answer : [answer];
    await until(workload.id, 'SUCCEEDED');
    expect(await job(workload.id)).toMatchObject({ node: 'm1', exitCode: 0, attempt: 1 });
    const logs = await unwrap(api.GET('/api/v1/jobs/{id}/logs', { params: { path: { id: workload.id } } }));
    expect(logs).toMatchObject({ job: workload.id, complete: true });

    // A Node script in the seeds' form (`cloud launch FILE`), waited for, its output read back.
    const scripts = mkdtempSync(join(tmpdir(), 'strato-job-'));
    const script = join(scripts, 'hello.js');
    writeFileSync(
      script,
      "console.log('hello from', process.env.STRATO_JOB_ID, process.argv.slice(2).join(' '));\nconsole.error('to stderr');\n",
    );
    const launched = await cli('launch', script, '--pod', 'medium', '--wait', '--', 'a', 'b');
    expect({ code: launched.code, stderr: launched.stderr }).toMatchObject({
      code: 0,
      stderr: expect.stringContaining('SUCCEEDED'),
    });
    const listed = await cliJson<Job[]>('job', 'ls', '--pod', 'medium');
    const fromApi = await unwrap(api.GET('/api/v1/jobs', { params: { query: { pod: 'medium' } } }));
    expect(fromApi.map((j) => j.id)).toEqual(listed.map((j) => j.id));
    const hello = listed.find((j) => j.script !== null);
    expect(hello).toMatchObject({ status: 'SUCCEEDED', exitCode: 0 });
    const id = hello?.id ?? '';
    const log = await cli('job', 'log', id);
    expect(log.stdout).toContain(`hello from ${id} a b`);
    expect(log.stderr).toContain('to stderr');
    expect(await cliJson<Job>('job', 'get', id)).toMatchObject({ id, status: 'SUCCEEDED', node: 'm1' });
    rmSync(scripts, { recursive: true, force: true });

    // Aborts: a queued job from the API (while the running one holds m1), the running one from the seeds'
    // form, a finished one refused.
    const sleeper = await cliJson<Job>(
      'job',
      'submit',
      'medium',
      '--workload',
      'sleep',
      '--param',
      'seconds=120',
    );
    await until(sleeper.id, 'RUNNING');
    const queued = await cliJson<Job>(
      'job',
      'submit',
      'medium',
      '--workload',
      'sleep',
      '--param',
      'seconds=1',
    );
    expect((await job(queued.id)).status).toBe('QUEUED'); // m1 runs one batch job at a time
    const abortedQueued = await unwrap(
      api.POST('/api/v1/jobs/{id}/abort', { params: { path: { id: queued.id } } }),
    );
    expect(abortedQueued.status).toBe('ABORTED');
    expect((await cli('abort', sleeper.id)).code).toBe(0);
    await until(sleeper.id, 'ABORTED');
    const refused = await cli('job', 'abort', workload.id);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('SUCCEEDED') });
  }, 180_000);

  it('removes nodes from both doors: drained, stopped, gone from the runtime', async () => {
    expect(await cli('rm', 'n2', 'light')).toMatchObject({ code: 0 });
    await unwrap(api.DELETE('/api/v1/nodes/{name}', { params: { path: { name: 'm1' } } }));
    const names = (await nodes()).map((n) => n.name);
    expect(names).toContain('n1');
    expect(names).not.toContain('n2');
    expect(names).not.toContain('m1');
    expect((await pod('medium')).nodeCounts.ONLINE ?? 0).toBe(0);
    const left = await inRuntime();
    expect(left.has('n2')).toBe(false);
    expect(left.has('m1')).toBe(false);
    expect(left.has('n1')).toBe(true);
    expect(await servedBy('/light', 3)).toEqual(['n1']);
  });

  it('shows the status, the agents and the event log of everything done so far', async () => {
    const status = await cli('status');
    expect(status.stdout).toContain(`load balancer: ${variant.lb} at http://127.0.0.1:`);
    expect(status.stdout).toMatch(
      new RegExp(
        `agent local: up at http://127\\.0\\.0\\.1:\\d+ \\(${variant.runtime}, \\d+ nodes, [\\d.]+/[\\d.]+ CPU reserved\\)`,
      ),
    );
    const agentTable = await cli('agent', 'ls');
    expect(agentTable.stdout).toMatch(
      new RegExp(`local\\s+│\\s+yes\\s+│\\s+${variant.runtime}\\s+│\\s+127\\.0\\.0\\.1`),
    );
    expect((await cliJson<{ id: string; reachable: boolean }[]>('agent', 'ls'))[0]).toMatchObject({
      id: 'local',
      reachable: true,
    });
    expect(status.stdout).toMatch(/reconciler: every 2 s, last pass took [\d.]+ ms/);
    const agents = await unwrap(api.GET('/api/v1/agents'));
    expect(agents).toEqual([expect.objectContaining({ id: 'local', runtime: variant.runtime })]);

    const events = await cliJson<{ type: string; node: string | null }[]>('events', '--limit', '1000');
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['PodCreated', 'PodChanged', 'NodeRegistered', 'NodeOnline', 'NodeRemoved']),
    );
    const page = await unwrap(api.GET('/api/v1/events', { params: { query: { node: 'n2', limit: 2 } } }));
    expect(page).toHaveLength(2);
    expect(page.every((e) => e.node === 'n2')).toBe(true);
    const older = await unwrap(
      api.GET('/api/v1/events', { params: { query: { node: 'n2', before: page[1].id, limit: 100 } } }),
    );
    expect(older.every((e) => e.id < page[1].id)).toBe(true);
  });

  it('follows the event log live: cloud events -f prints a change as it happens, the stream route resumes', async () => {
    ran.add('events');
    const target = (await nodes()).find((n) => n.status === 'ONLINE');
    if (!target) throw new Error('the story has no ONLINE node left to change');
    const following = cloudSession(['events', '-f', '--pod', target.pod, '--limit', '1'], running.cliEnv, {
      interruptWhen: new RegExp(`WeightChanged\\s+${target.pod}\\s+${target.name}`),
    });
    // The session reads the log, then opens the stream; a change after that is one it must print.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await unwrap(
      api.PUT('/api/v1/nodes/{name}/weight', {
        params: { path: { name: target.name } },
        body: { weight: target.weight === 2 ? 3 : 2 },
      }),
    );
    const followed = await following;
    expect(followed).toMatchObject({ interrupted: true, code: 0 });
    expect(followed.stderr).toContain('following the event log');

    // The same stream with metrics, bounded: the manager samples every second, so 3 s hold at least one.
    const watched = await cli('watch', target.pod, '--for', '3', '--json');
    expect({ code: watched.code, stderr: watched.stderr }).toEqual({ code: 0, stderr: '' });
    const frames = watched.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; pods?: { pod: string }[] });
    const metrics = frames.find((frame) => frame.kind === 'metrics');
    expect(metrics?.pods?.map((sample) => sample.pod)).toEqual([target.pod]);
    await unwrap(
      api.PUT('/api/v1/nodes/{name}/weight', {
        params: { path: { name: target.name } },
        body: { weight: target.weight },
      }),
    );

    // Through the route: resuming two events back replays them first, oldest first.
    const [newest] = await unwrap(api.GET('/api/v1/events', { params: { query: { limit: 1 } } }));
    const stream = await api.GET('/api/v1/stream', {
      params: { query: { since: newest.id - 2 } },
      parseAs: 'stream',
    });
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (stream.data as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes(`id: ${newest.id}\n`)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toMatch(/^retry: 2000\n\nevent: hello\ndata: \{"lastEventId":\d+/);
    expect(text).toContain(`"id":${newest.id - 1}`);
    expect(text.indexOf(`"id":${newest.id - 1}`)).toBeLessThan(text.indexOf(`"id":${newest.id},`));
  });

  it("answers the agent routes with each agent's own credential; rotates, revokes and readmits one", async () => {
    const [agent] = await unwrap(api.GET('/api/v1/agents'));
    const { id, url, runtime, cores, memoryBytes } = agent;
    expect((await cli('agent', 'rotate', 'local')).stdout).toContain('agent local has a new credential');
    await unwrap(api.POST('/api/v1/agents/{id}/credential', { params: { path: { id } } }));
    // The agent took the new credential before the rotation answered; it registers again with it.
    const asAgent = { headers: running.agentAuth() };
    const again = await unwrap(
      agentApi.POST('/api/v1/agents', { ...asAgent, body: { id, url, runtime, cores, memoryBytes } }),
    );
    expect(again.credential).toBe(asAgent.headers['x-strato-agent-token']);
    const beat = await agentApi.POST('/api/v1/agents/{id}/heartbeat', {
      ...asAgent,
      params: { path: { id } },
    });
    expect(beat.response.status).toBe(204);
    const events = await agentApi.POST('/api/v1/agents/{id}/events', {
      ...asAgent,
      params: { path: { id } },
      body: { events: [] },
    });
    expect(events.response.status).toBe(202);
    const asOwner = await api.POST('/api/v1/agents/{id}/heartbeat', { params: { path: { id } } });
    expect(asOwner.response.status).toBe(403);
    const withJoinToken = await agentApi.POST('/api/v1/agents/{id}/heartbeat', {
      headers: { 'x-strato-agent-token': running.agentToken },
      params: { path: { id } },
    });
    expect(withJoinToken.response.status).toBe(401);

    // A second host joins with the join token and is locked out; `local` goes on as before.
    const spare = await unwrap(
      agentApi.POST('/api/v1/agents', {
        headers: { 'x-strato-agent-token': running.agentToken },
        body: { id: 'spare', url: 'http://127.0.0.1:9', runtime, cores: 1, memoryBytes: 2 ** 30 },
      }),
    );
    expect((await cli('agent', 'revoke', 'spare')).stdout).toContain('agent spare revoked');
    const spareBeat = await agentApi.POST('/api/v1/agents/{id}/heartbeat', {
      headers: { 'x-strato-agent-token': spare.credential },
      params: { path: { id: 'spare' } },
    });
    expect(spareBeat.response.status).toBe(401);
    expect((await cli('agent', 'ls')).stdout).toMatch(/spare\s+│\s+REVOKED/);
    expect(
      (await unwrap(api.POST('/api/v1/agents/{id}/readmit', { params: { path: { id: 'spare' } } })))
        .revokedAt,
    ).toBeUndefined();
    await unwrap(api.POST('/api/v1/agents/{id}/revoke', { params: { path: { id: 'spare' } } }));
    expect((await cli('agent', 'readmit', 'spare')).stdout).toContain('agent spare readmitted');
    // Left revoked, so that no node is ever placed on a host that does not exist.
    expect(
      (await unwrap(api.POST('/api/v1/agents/{id}/revoke', { params: { path: { id: 'spare' } } }))).reachable,
    ).toBe(false);
    const local = (await unwrap(api.GET('/api/v1/agents'))).find((a) => a.id === 'local');
    expect(local).toMatchObject({ reachable: true });
    expect(local?.revokedAt).toBeUndefined();
    expect((await unwrap(api.GET('/api/v1/agents')))[0].url).toBe(url);
  });

  it('keeps a login, offers completion and help, and runs commands piped into the prompt', async () => {
    const login = await cli('login');
    expect(login.stdout).toMatch(/^logged in to http:\/\/127\.0\.0\.1:\d+ \(5 pods\); settings kept in /);
    expect(statSync(join(configDir, 'owner-token')).mode & 0o777).toBe(0o600);
    const fromSaved = await cloud(['pod', 'ls', '--json'], {
      STRATO_CONFIG_DIR: configDir,
      STRATO_TOKEN: '',
    });
    expect(JSON.parse(fromSaved.stdout)).toHaveLength(5);

    expect((await cli('completion')).stdout).toContain('complete -F _cloud cloud');
    expect((await cli('help', 'register')).stdout).toContain('Usage: cloud register [options] <node> [pod]');

    ran.add('(interactive)');
    const session = await cloudSession([], running.cliEnv, {
      input: ['node ls light', 'launch nosuchpod', 'exit'],
    });
    expect(session.code).toBe(1);
    expect(session.stdout).toMatch(/n1\s+│\s+light\s+│\s+ONLINE/);
    expect(session.stderr).toContain('unknown pod "nosuchpod"');
  });

  it('removes pods: refused while they have nodes, drained with --force', async () => {
    expect(await cli('pod', 'rm', 'light')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--force'),
    });
    expect((await pod('light')).nodeCounts.ONLINE).toBe(1);
    const removed = await unwrap(
      api.DELETE('/api/v1/pods/{pod}', { params: { path: { pod: 'batch' }, query: { force: true } } }),
    );
    expect(removed).toMatchObject({ name: 'batch' });
    expect(await cli('pod', 'rm', 'tiny', '--force')).toMatchObject({
      code: 0,
      stdout: 'removed pod tiny\n',
    });
    expect((await unwrap(api.GET('/api/v1/pods'))).map((p) => p.name)).toEqual(['light', 'medium', 'heavy']);
    expect([...(await inRuntime()).keys()]).toEqual(['n1']);
  });

  it('finds the same pods, nodes, events and paused pod after kill -9 of the manager, and keeps serving', async () => {
    expect((await cli('register', 'h1', '2')).code).toBe(0);
    expect((await cli('pause', 'medium')).code).toBe(0);
    const snapshot = async () => ({
      pods: await unwrap(api.GET('/api/v1/pods')),
      nodes: await nodes(),
      events: await unwrap(api.GET('/api/v1/events', { params: { query: { limit: 1000 } } })),
      runtime: [...(await inRuntime()).values()].map((n) => n.id),
    });
    const before = await snapshot();

    await running.restartManager('SIGKILL');

    const after = await snapshot();
    expect(after.pods).toEqual(before.pods);
    expect(after.nodes).toEqual(before.nodes);
    expect(after.events.slice(-before.events.length)).toEqual(before.events);
    expect(after.runtime).toEqual(before.runtime);
    expect(await servedBy('/light', 3)).toEqual(['n1']);
    expect(await freshGet(`${running.lbUrl}/medium`)).toMatchObject({
      status: 503,
      body: { message: 'pod medium is paused' },
    });
    expect((await cli('launch', 'heavy')).stdout).toMatch(/node h1 is ONLINE/);
  });

  it('has driven every command of the toolset', async () => {
    expect([...ran].sort()).toEqual(expect.arrayContaining(await cliCommands(running.cliEnv)));
  });

  it('has called every route of the API through the generated client', async () => {
    expect([...called].sort()).toEqual(await documentedOperations(running.managerUrl));
  });
});
