import { cloud } from './support/cli';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { freshGet } from './support/fresh-get';
import { describeEachCloud } from './support/variants';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  status: number | 'error';
  retryAfter: string | null;
  detail?: string;
}

/** Requests leave at a fixed rate whatever happened to the earlier ones (open loop); loopback only. */
async function openLoop(url: string, ratePerSecond: number, durationMs: number): Promise<Outcome[]> {
  const sent: Promise<Outcome>[] = [];
  const started = Date.now();
  for (let i = 0; Date.now() - started < durationMs; i++) {
    const due = started + (i * 1000) / ratePerSecond;
    await sleep(Math.max(0, due - Date.now()));
    sent.push(
      fetch(url, { signal: AbortSignal.timeout(120_000) }).then(
        async (res) => {
          await res.arrayBuffer();
          return { status: res.status, retryAfter: res.headers.get('retry-after') };
        },
        (error: Error) => ({
          status: 'error' as const,
          retryAfter: null,
          detail: String(error.cause ?? error),
        }),
      ),
    );
  }
  return Promise.all(sent);
}

describeEachCloud(
  'a heavy pod under twice its capacity on $runtime nodes behind the $lb balancer',
  (options) => {
    let running: RunningCloud;
    const cli = (...args: string[]) => cloud(args, running.cliEnv);
    // Straight at the API: a CLI process every 250 ms would take CPU from the nodes under test.
    const lbStatus = async () =>
      (
        await fetch(`${running.managerUrl}/api/v1/lb`, {
          headers: { authorization: `Bearer ${running.token}` },
        })
      ).json();

    beforeAll(async () => {
      running = await startCloud(options);
      expect((await cli('init')).code).toBe(0);
      for (const name of ['h1', 'h2']) expect((await cli('register', name, 'heavy')).code).toBe(0);
      for (let i = 0; i < 2; i++) expect((await cli('launch', 'heavy')).code).toBe(0);
    }, 180_000);

    afterAll(async () => {
      await running?.stop();
    });

    it('keeps both nodes up, answers 200 or 503 + Retry-After from the full queue, loses nothing', async () => {
      // One job alone gives the pod's capacity: 2 nodes of one job thread each.
      const probe = await fetch(`${running.lbUrl}/heavy`);
      expect(probe.status).toBe(200);
      const jobSeconds = (await probe.json()).elapsedMs / 1000;
      const rate = 2 * (2 / jobSeconds);

      const seen = { maxQueue: 0, notUp: [] as string[] };
      let watching = true;
      const watcher = (async () => {
        while (watching) {
          const heavy = (await lbStatus()).pods.find((p: { pod: string }) => p.pod === 'heavy');
          seen.maxQueue = Math.max(seen.maxQueue, heavy.queue);
          for (const s of heavy.servers as { node: string; health: string }[])
            if (s.health !== 'up') seen.notUp.push(`${s.node} ${s.health}`);
          await sleep(250);
        }
      })();
      const outcomes = await openLoop(`${running.lbUrl}/heavy`, rate, 30_000);
      watching = false;
      await watcher;

      const count = (status: Outcome['status']) => outcomes.filter((o) => o.status === status).length;
      const summary = { sent: outcomes.length, ok: count(200), refused: count(503), errors: count('error') };
      console.log(
        `${options.runtime} + ${options.lb}: job ${jobSeconds.toFixed(2)} s, ${rate.toFixed(2)} req/s for 30 s:`,
        summary,
        `max queue ${seen.maxQueue}`,
      );
      expect(seen.notUp).toEqual([]);
      const servers = (await lbStatus()).pods.find((p: { pod: string }) => p.pod === 'heavy').servers;
      expect(servers.map((s: { downTransitions: number }) => s.downTransitions)).toEqual([0, 0]);
      expect(summary.errors).toBe(0);
      expect(summary.ok + summary.refused).toBe(summary.sent);
      for (const refused of outcomes.filter((o) => o.status === 503)) expect(refused.retryAfter).toBe('1');
      expect(summary.ok).toBeGreaterThan(0);
      expect(seen.maxQueue).toBeGreaterThan(0);
    }, 240_000);

    it('refuses another job or a scale through the balancer, and runs the pod job at the size its owner sets', async () => {
      const subpath = await fetch(`${running.lbUrl}/light/heavy`);
      expect(subpath.status).toBe(404);
      expect((await subpath.json()).message).toContain('pod light runs its own job at /light');
      const scaled = await fetch(`${running.lbUrl}/light?scale=10`);
      expect(scaled.status).toBe(400);
      expect((await scaled.json()).message).toMatch(/^scale: /);

      expect((await cli('pod', 'set', 'heavy', '--job', 'medium', '--job-scale', '0.01')).code).toBe(0);
      // A new connection: HAProxy's old worker answers one more request on each keep-alive one it holds.
      const answer = await freshGet(`${running.lbUrl}/heavy`);
      expect(answer.body).toMatchObject({ job: 'medium', pod: 'heavy', result: 430 });
      const pods = JSON.parse((await cli('pod', 'ls', '--json')).stdout);
      expect(pods.find((p: { name: string }) => p.name === 'heavy').job).toEqual({
        kind: 'medium',
        scale: 0.01,
      });
    });
  },
);
