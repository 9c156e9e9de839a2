import { formatSummary, mulberry32, poisson, runLoad, type LoadResult } from '@strato/loadgen';
import { cloud } from './support/cli';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { newTally, runOwnerClient } from './support/chaos-owner';
import { convergenceProblems } from './support/converged';
import { killHaproxy, killNode } from './support/kill';
import { describeEachCloud } from './support/variants';

const CHAOS_MS = Number(process.env['STRATO_CHAOS_MS'] ?? 120_000);
const SEED = Number(process.env['STRATO_CHAOS_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const CLIENTS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** When the data path of the measured pod was down: a kill, until it answered again. */
interface Outage {
  what: string;
  fromMs: number;
  toMs: number;
}

describeEachCloud('chaos on $runtime nodes behind the $lb balancer', (options) => {
  let running: RunningCloud;
  const cli = (...args: string[]) => cloud(args, running.cliEnv);

  beforeAll(async () => {
    running = await startCloud(options);
    expect((await cli('init')).code).toBe(0);
    const steady = ['pod', 'register', 'steady', '--cpu', '0.3', '--memory', '100', '--max-nodes', '4'];
    expect((await cli(...steady)).code).toBe(0);
    for (const [node, pod] of [
      ['s1', 'steady'],
      ['s2', 'steady'],
      ['c1', 'light'],
      ['c2', 'light'],
    ])
      expect((await cli('register', node, pod)).code).toBe(0);
    for (const pod of ['steady', 'steady', 'light']) expect((await cli('launch', pod)).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
  });

  it(
    'survives colliding owner operations and kill -9 of nodes, agent, balancer and manager under load, then converges',
    async () => {
      console.log(
        `chaos seed ${SEED} (replay: STRATO_CHAOS_SEED=${SEED}), ${CHAOS_MS} ms, ${options.runtime} + ${options.lb}`,
      );
      const rng = mulberry32(SEED);
      const loadStart = Date.now();
      const until = loadStart + CHAOS_MS;
      const load = (pod: string, seed: number): Promise<LoadResult> =>
        runLoad({
          target: `${running.lbUrl}/${pod}`,
          schedule: poisson(25, seed),
          durationMs: CHAOS_MS + 5_000,
          timeoutMs: 5_000,
        });
      // light takes the owner's operations (its failures are printed: a paused or emptied pod answers 503
      // by design); steady (light jobs too) only the kills, so each of its failures must fall in an outage.
      const loads = Promise.all([load('light', SEED), load('steady', SEED + 1)]);
      const tally = newTally();
      const clients = Array.from({ length: CLIENTS }, (_, i) =>
        runOwnerClient(running, mulberry32(SEED + 10 + i), until, tally),
      );
      const outages: Outage[] = [];
      const kills: string[] = [];
      const killer = (async () => {
        while (Date.now() < until - 8_000) {
          await sleep(5_000 + rng() * 5_000);
          const roll = rng();
          const at = Date.now() - loadStart;
          if (roll < 0.45) {
            const node = `c${1 + Math.floor(rng() * 4)}`;
            if (await killNode(running, options.runtime, node)) kills.push(`node ${node} at ${at} ms`);
          } else if (roll < 0.65) {
            await running.restartAgent('SIGKILL');
            kills.push(`agent at ${at} ms`);
          } else if (roll < 0.82 && options.lb === 'haproxy') {
            if (killHaproxy(running)) {
              await untilAnswering(`${running.lbUrl}/steady`);
              outages.push({ what: 'haproxy', fromMs: at, toMs: Date.now() - loadStart });
              kills.push(`haproxy at ${at} ms`);
            }
          } else {
            await running.restartManager('SIGKILL');
            // The embedded balancer lives in the manager's process; HAProxy outlives it.
            if (options.lb === 'embedded')
              outages.push({ what: 'manager', fromMs: at, toMs: Date.now() - loadStart });
            kills.push(`manager at ${at} ms`);
          }
        }
      })();
      await Promise.all([...clients, killer]);

      // The chaos stops: the owner leaves the pod running with elasticity off, and the cloud must converge.
      await retryUntilOk(`${running.managerUrl}/api/v1/pods/light/elasticity/disable`, running.token);
      await retryUntilOk(`${running.managerUrl}/api/v1/pods/light/resume`, running.token);
      const [light, steady] = await loads;
      let problems: string[] = ['not checked yet'];
      const convergedBy = Date.now() + 90_000;
      while (Date.now() < convergedBy) {
        problems = await convergenceProblems(
          { ...running, agents: [{ url: running.agentUrl, auth: running.agentAuth }] },
          options.runtime,
        ).catch((error: Error) => [error.message]);
        if (problems.length === 0) break;
        await sleep(1_000);
      }
      const outside = failuresOutside(steady, outages);
      console.log(
        [
          `chaos seed ${SEED}: kills ${kills.join(', ') || 'none'}`,
          `owner calls by status ${JSON.stringify(tally.statuses)}, unanswered (manager down) ${tally.unanswered}, 503 by code ${JSON.stringify(tally.unavailable)}`,
          `outages ${JSON.stringify(outages)}`,
          `light (owner operations): ${formatSummary(light)}`,
          `steady (kills only): ${formatSummary(steady)}`,
          `steady failures outside outages: ${outside}`,
        ].join('\n'),
      );
      if (tally.violations.length > 0) console.log(managerLogAround(running.logs(), tally.violations));
      expect(tally.violations).toEqual([]);
      expect(problems).toEqual([]);
      expect(outside).toBe(0);
      expect(steady.ok).toBeGreaterThan(0);
    },
    CHAOS_MS + 300_000,
  );
});

/** Failed steady requests completed in a second that no outage (with 6 s of grace for timeouts) covers. */
function failuresOutside(result: LoadResult, outages: Outage[]): number {
  const covered = (second: number) =>
    outages.some((o) => second >= Math.floor(o.fromMs / 1000) - 1 && second <= Math.ceil(o.toMs / 1000) + 6);
  return result.timeline.filter((bucket) => !covered(bucket.second)).reduce((sum, b) => sum + b.failed, 0);
}

async function untilAnswering(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const answered = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    );
    if (answered) return;
    await sleep(50);
  }
}

async function retryUntilOk(url: string, token: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(500);
  }
  throw new Error(`${url} did not answer 2xx within 60 s`);
}

/** The manager's log lines that mention the request ids quoted in the violations, with what follows. */
function managerLogAround(log: string, violations: string[]): string {
  const ids = violations.flatMap((v) => [...v.matchAll(/request id ([0-9a-f-]{36})/g)].map((m) => m[1]));
  const lines = log.split('\n');
  return ids
    .flatMap((id) => {
      const at = lines.findIndex((line) => line.includes(id));
      return at < 0 ? [`(no log line for ${id})`] : lines.slice(Math.max(0, at - 3), at + 12);
    })
    .join('\n');
}
