import { randomBytes } from 'node:crypto';
import {
  createStratoClient,
  type Job,
  type JobLogs,
  type StratoClient,
  type SubmitJob,
  unwrap,
} from '@strato/api-client';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { killNode } from './support/kill';
import { processesWithMarker } from './support/process-tree';
import { describeEachCloud } from './support/variants';

type LogLine = { stream: 'stdout' | 'stderr'; text: string };
const FINAL = new Set(['SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT']);
const FINAL_EVENTS = new Set(['JobSucceeded', 'JobFailed', 'JobAborted', 'JobTimedOut']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Node script whose child (same group) and grandchild (a session of its own) run until killed. */
const TREE_SCRIPT = `
const { spawn } = require('child_process');
const marker = process.argv[2];
const forever = ['-e', 'setInterval(() => {}, 1000)', marker];
spawn(process.execPath, forever, { stdio: 'ignore' });
spawn(process.execPath, forever, { stdio: 'ignore', detached: true }).unref();
console.log('tree up');
setInterval(() => {}, 1000);
`;

/**
 * The Job module's acceptance on each variant, on real nodes: mixed jobs over two pods with their output
 * checked, timeouts and aborts that leave no process (checked in /proc, where Docker's processes show too),
 * a node killed under a running job, an array held to its parallelism, and kill -9 of the manager with jobs
 * queued and running. Every job is followed through the API to one final state and through the event log.
 */
describeEachCloud(
  'batch jobs on $runtime + $lb: run, timed out, aborted, requeued, arrays, kill -9',
  (variant) => {
    let running: RunningCloud;
    let api: StratoClient;

    const submit = async (body: SubmitJob): Promise<Job[]> => {
      const answer = await unwrap(api.POST('/api/v1/jobs', { body }));
      return Array.isArray(answer) ? answer : [answer];
    };
    const job = (id: string) => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } }));
    // Without follow=true the answer is JSON (the client's type also names the event-stream form).
    const logs = async (id: string, attempt?: number): Promise<JobLogs> =>
      (await unwrap(
        api.GET('/api/v1/jobs/{id}/logs', {
          params: { path: { id }, query: attempt === undefined ? {} : { attempt } },
        }),
      )) as JobLogs;
    /** One stream's lines: the two streams' lines interleave in the order the manager pulled them. */
    const linesOf = async (id: string, stream: LogLine['stream'] = 'stdout', attempt?: number) =>
      ((await logs(id, attempt)).lines as LogLine[])
        .filter((line) => line.stream === stream)
        .map((line) => line.text);
    const waitUntil = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting until ${what}\n${running.logs().slice(-4000)}`);
        await sleep(50);
      }
    };
    const untilFinal = async (ids: string[], timeoutMs = 120_000): Promise<Job[]> => {
      let jobs: Job[] = [];
      await waitUntil(
        `jobs ${ids.join(', ')} end`,
        async () => {
          jobs = await Promise.all(ids.map(job));
          return jobs.every((j) => FINAL.has(j.status));
        },
        timeoutMs,
      );
      return jobs;
    };
    const finalEventsOf = async (id: string): Promise<string[]> => {
      const events = await unwrap(api.GET('/api/v1/events', { params: { query: { limit: 1000 } } }));
      return events
        .filter((event) => FINAL_EVENTS.has(event.type) && new RegExp(`\\bjob ${id}\\b`).test(event.message))
        .map((event) => event.type);
    };
    const nodeScript = (
      source: string,
      extra: Partial<{ args: string[]; env: Record<string, string> }> = {},
    ) => ({
      interpreter: 'node' as const,
      source,
      ...extra,
    });

    beforeAll(async () => {
      running = await startCloud(variant);
      api = createStratoClient({ baseUrl: running.managerUrl, token: running.token });
      await unwrap(api.POST('/api/v1/cloud/init'));
      // light runs catalogue workloads; medium (300 MiB) runs the Node scripts and their process trees.
      const nodes = [
        ['n1', 'light'],
        ['n2', 'light'],
        ['n3', 'light'],
        ['m1', 'medium'],
        ['m2', 'medium'],
        ['m3', 'medium'],
        ['m4', 'medium'],
        ['m5', 'medium'],
      ];
      for (const [name, pod] of nodes) {
        await unwrap(api.POST('/api/v1/nodes', { body: { name, pod } }));
        await unwrap(api.POST('/api/v1/pods/{pod}/launch', { params: { path: { pod } } }));
      }
    }, 180_000);

    afterAll(async () => {
      await running?.stop();
    });

    it('runs 30 mixed jobs over two pods to SUCCEEDED, each with its own output, once', async () => {
      const workloads = ['light', 'medium', 'sleep'] as const;
      const onLight = await Promise.all(
        Array.from({ length: 15 }, (_, i) => {
          const name = workloads[i % 3];
          const params: Record<string, number> =
            name === 'sleep' ? { seconds: 0.2 } : { scale: 0.1 + (i % 4) / 10 };
          return submit({ pod: 'light', workload: { name, params } }).then(([j]) => ({ j, name, params }));
        }),
      );
      const onMedium = await Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          submit({
            pod: 'medium',
            priority: i % 3,
            script: nodeScript(
              `let sum = 0; for (let k = 1; k <= Number(process.argv[2]); k++) sum += k;
             console.log(process.env.STRATO_JOB_ID, process.env.GREETING, 'sum', sum, 'attempt', process.env.STRATO_JOB_ATTEMPT);
             console.error('done', process.argv[3]);`,
              { args: [String(100 * (i + 1)), `arg-${i}`], env: { GREETING: `hello-${i}` } },
            ),
          }).then(([j]) => ({ j, i })),
        ),
      );
      const ended = await untilFinal([...onLight, ...onMedium].map(({ j }) => j.id));
      expect(ended.map((j) => [j.id, j.status, j.exitCode])).toEqual(
        ended.map((j) => [j.id, 'SUCCEEDED', 0]),
      );
      expect(new Set(ended.filter((j) => j.pod === 'light').map((j) => j.node?.[0]))).toEqual(new Set(['n']));
      expect(new Set(ended.filter((j) => j.pod === 'medium').map((j) => j.node?.[0]))).toEqual(
        new Set(['m']),
      );

      for (const { j, name, params } of onLight) {
        const [line] = await linesOf(j.id);
        expect({ id: j.id, out: JSON.parse(line) }).toMatchObject({
          id: j.id,
          out: { workload: name, ...params },
        });
      }
      for (const { j, i } of onMedium) {
        const n = 100 * (i + 1);
        expect({ id: j.id, out: await linesOf(j.id), err: await linesOf(j.id, 'stderr') }).toEqual({
          id: j.id,
          out: [`${j.id} hello-${i} sum ${(n * (n + 1)) / 2} attempt 1`],
          err: [`done arg-${i}`],
        });
        expect((await logs(j.id)).complete).toBe(true);
      }
      for (const j of ended) expect({ id: j.id, attempt: j.attempt }).toEqual({ id: j.id, attempt: 1 });
    });

    it('times out a job and leaves none of its processes, the detached one included', async () => {
      const marker = `strato-tree-${randomBytes(4).toString('hex')}`;
      const [j] = await submit({
        pod: 'medium',
        timeoutS: 3,
        script: nodeScript(TREE_SCRIPT, { args: [marker] }),
      });
      await waitUntil('the tree is up', async () => processesWithMarker(marker).length === 3);
      const [ended] = await untilFinal([j.id]);
      expect(ended).toMatchObject({ status: 'TIMED_OUT', attempt: 1 });
      expect(await linesOf(j.id)).toEqual(['tree up']);
      expect(processesWithMarker(marker)).toEqual([]);
      expect(await finalEventsOf(j.id)).toEqual(['JobTimedOut']);
    });

    it('aborts a running job, leaves none of its processes, and answers a second abort the same', async () => {
      const marker = `strato-tree-${randomBytes(4).toString('hex')}`;
      const [j] = await submit({ pod: 'medium', script: nodeScript(TREE_SCRIPT, { args: [marker] }) });
      await waitUntil('the tree is up', async () => processesWithMarker(marker).length === 3);
      await unwrap(api.POST('/api/v1/jobs/{id}/abort', { params: { path: { id: j.id } } }));
      const [ended] = await untilFinal([j.id]);
      expect(ended).toMatchObject({ status: 'ABORTED' });
      expect(processesWithMarker(marker)).toEqual([]);
      const again = await unwrap(api.POST('/api/v1/jobs/{id}/abort', { params: { path: { id: j.id } } }));
      expect(again.status).toBe('ABORTED');
      expect(await finalEventsOf(j.id)).toEqual(['JobAborted']);
    });

    it('requeues the job of a killed node and finishes it on another node within 5 s of the kill', async () => {
      // The first attempt waits for the kill; a later one ends at once, saying which attempt it is.
      const [j] = await submit({
        pod: 'medium',
        script: nodeScript(
          `console.log('attempt', process.env.STRATO_JOB_ATTEMPT);
         if (process.env.STRATO_JOB_ATTEMPT === '1') setInterval(() => {}, 1000);`,
        ),
      });
      await waitUntil('the first attempt runs', async () => (await linesOf(j.id)).includes('attempt 1'));
      const victim = (await job(j.id)).node as string;
      const killedAt = Date.now();
      expect(await killNode(running, variant.runtime, victim)).toBe(true);
      const [ended] = await untilFinal([j.id], 30_000);
      const tookMs = Date.now() - killedAt;
      console.log(
        `${variant.runtime}: job of killed node ${victim} SUCCEEDED on ${ended.node} ${tookMs} ms after the kill`,
      );
      expect(ended).toMatchObject({ status: 'SUCCEEDED', attempt: 2 });
      expect(ended.node).not.toBe(victim);
      expect(tookMs).toBeLessThan(5_000);
      expect(await linesOf(j.id, 'stdout', 1)).toEqual(['attempt 1']);
      expect(await linesOf(j.id, 'stdout', 2)).toEqual(['attempt 2']);
      expect(await finalEventsOf(j.id)).toEqual(['JobSucceeded']);
    });

    it('runs an array of 20 with parallelism 4: every index once, never more than 4 at once', async () => {
      // The killed node stays FAILED (no restart policy): a sixth node gives the array 5 free nodes again.
      await unwrap(api.POST('/api/v1/nodes', { body: { name: 'm6', pod: 'medium' } }));
      await unwrap(api.POST('/api/v1/pods/{pod}/launch', { params: { path: { pod: 'medium' } } }));
      const medium = await unwrap(api.GET('/api/v1/nodes', { params: { query: { pod: 'medium' } } }));
      expect(medium.filter((node) => node.status === 'ONLINE').length).toBeGreaterThanOrEqual(5);
      const tasks = await submit({
        pod: 'medium',
        count: 20,
        parallelism: 4,
        script: nodeScript(
          `console.log('start', process.env.STRATO_JOB_INDEX, Date.now());
         setTimeout(() => console.log('end', process.env.STRATO_JOB_INDEX, Date.now()), 700);`,
        ),
      });
      expect(tasks).toHaveLength(20);
      const array = tasks[0].array?.id as string;
      let most = 0;
      let jobs: Job[] = [];
      while (!jobs.length || !jobs.every((t) => FINAL.has(t.status))) {
        jobs = await unwrap(api.GET('/api/v1/jobs', { params: { query: { array, limit: 100 } } }));
        most = Math.max(most, jobs.filter((t) => t.status === 'RUNNING').length);
        await sleep(50);
      }
      expect(jobs.map((t) => t.status)).toEqual(Array(20).fill('SUCCEEDED'));
      // What the tasks themselves saw: their start and end times, overlapping at most 4 deep.
      const spans = await Promise.all(
        jobs.map(async (t) => {
          const [start, end] = (await linesOf(t.id)).map((line) => line.split(' '));
          expect([start[0], end[0], start[1]]).toEqual(['start', 'end', String(t.array?.index)]);
          return [Number(start[2]), Number(end[2])] as const;
        }),
      );
      const deepest = Math.max(...spans.map(([at]) => spans.filter(([s, e]) => s <= at && at < e).length));
      console.log(
        `${variant.runtime}: array of 20, parallelism 4: at most ${deepest} running (seen by the tasks), ${most} (API)`,
      );
      expect(deepest).toBeLessThanOrEqual(4);
      expect(deepest).toBeGreaterThanOrEqual(2);
      expect(most).toBeLessThanOrEqual(4);
      expect(jobs.map((t) => t.array?.index).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
        ...Array(20).keys(),
      ]);
    });

    it('refuses bad jobs with a clear 4xx and queues nothing: pod, workload, size, timeout, interpreter, abort', async () => {
      const all = async () =>
        (await unwrap(api.GET('/api/v1/jobs', { params: { query: { limit: 500 } } }))).map(
          (j) => `${j.id} ${j.status}`,
        );
      const before = await all();
      const refused = async (body: unknown) => {
        const { response, error } = await api.POST('/api/v1/jobs', { body: body as SubmitJob });
        return { status: response.status, error: error as { message?: string; details?: unknown } };
      };
      const sleep1 = { name: 'sleep', params: { seconds: 1 } };
      expect(await refused({ pod: 'nosuchpod', workload: sleep1 })).toMatchObject({ status: 404 });
      expect(await refused({ pod: 'light', workload: { name: 'nosuch' } })).toMatchObject({ status: 400 });
      expect(
        await refused({ pod: 'medium', script: nodeScript(`// ${'x'.repeat(256 * 1024)}`) }),
      ).toMatchObject({ status: 400, error: { message: expect.stringContaining('bytes') } });
      expect(await refused({ pod: 'light', workload: sleep1, timeoutS: -1 })).toMatchObject({ status: 400 });
      // The interpreters the agent found in the node image (Docker: node only) or on this host.
      const info = (await (
        await fetch(`${running.agentUrl}/agent/v1/info`, {
          headers: running.agentAuth(),
        })
      ).json()) as { interpreters: string[] | null };
      if (variant.runtime === 'docker') expect(info.interpreters).toEqual(['node']);
      for (const interpreter of ['sh', 'python'] as const) {
        if (info.interpreters?.includes(interpreter)) continue;
        expect(await refused({ pod: 'medium', script: { interpreter, source: 'echo hi' } })).toMatchObject({
          status: 400,
          error: { message: expect.stringContaining(`not ${interpreter}`) },
        });
      }
      const abort = async (id: string) =>
        (await api.POST('/api/v1/jobs/{id}/abort', { params: { path: { id } } })).response.status;
      expect(await abort('job-00000000')).toBe(404);
      const finished = before.find((line) => line.endsWith(' SUCCEEDED'))?.split(' ')[0] as string;
      expect(await abort(finished)).toBe(409);
      expect(await all()).toEqual(before);
    });

    it('kill -9 of the agent under a running job: the restarted agent kills what was left, the job runs once more', async () => {
      const marker = `strato-tree-${randomBytes(4).toString('hex')}`;
      // Attempt 1 is the process tree, waiting forever; a later attempt ends at once.
      const source = `if (process.env.STRATO_JOB_ATTEMPT !== '1') { console.log('again'); process.exit(0); }\n${TREE_SCRIPT}`;
      const [j] = await submit({ pod: 'medium', script: nodeScript(source, { args: [marker] }) });
      await waitUntil('the tree is up', async () => processesWithMarker(marker).length === 3);
      await running.restartAgent('SIGKILL');
      // The agent ends an earlier run's attempts before it answers: gone by the time it is healthy.
      expect(processesWithMarker(marker)).toEqual([]);
      const [ended] = await untilFinal([j.id]);
      expect(ended).toMatchObject({ status: 'SUCCEEDED', attempt: 2 });
      expect(await linesOf(j.id, 'stdout', 2)).toEqual(['again']);
      expect(await finalEventsOf(j.id)).toEqual(['JobSucceeded']);
    });

    it('kill -9 of the manager with jobs queued and running: each job ends once, logs complete', async () => {
      const jobs = await submit({
        pod: 'medium',
        count: 9,
        parallelism: 9,
        script: nodeScript(
          `console.log('begin', process.env.STRATO_JOB_INDEX, 'attempt', process.env.STRATO_JOB_ATTEMPT);
         setTimeout(() => { console.log('end', process.env.STRATO_JOB_INDEX); console.error('bye'); }, 3000);`,
        ),
      });
      const ids = jobs.map((t) => t.id);
      await waitUntil('some run and some wait', async () => {
        const now = await Promise.all(ids.map(job));
        return (
          now.filter((t) => t.status === 'RUNNING').length >= 3 && now.some((t) => t.status === 'QUEUED')
        );
      });
      const runningBefore = (await Promise.all(ids.map(job))).filter((t) => t.status === 'RUNNING');
      await running.restartManager('SIGKILL');
      const ended = await untilFinal(ids);
      expect(ended.map((t) => t.status)).toEqual(Array(9).fill('SUCCEEDED'));
      // The ones running through the crash were found again on their nodes, not run a second time.
      for (const before of runningBefore) {
        const after = ended.find((t) => t.id === before.id);
        expect({ id: before.id, attempt: after?.attempt, node: after?.node }).toEqual({
          id: before.id,
          attempt: before.attempt,
          node: before.node,
        });
      }
      for (const t of ended) {
        const index = t.array?.index;
        expect({
          id: t.id,
          complete: (await logs(t.id)).complete,
          out: await linesOf(t.id),
          err: await linesOf(t.id, 'stderr'),
        }).toEqual({
          id: t.id,
          complete: true,
          out: [`begin ${index} attempt ${t.attempt}`, `end ${index}`],
          err: ['bye'],
        });
        expect(await finalEventsOf(t.id)).toEqual(['JobSucceeded']);
      }
    });
  },
);
