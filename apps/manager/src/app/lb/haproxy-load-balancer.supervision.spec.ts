import { HaproxySupervisor, type HaproxyRestart } from '@strato/haproxy';
import { constant, runLoad } from '@strato/loadgen';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HaproxyLoadBalancer, type HaproxyLoadBalancerOptions } from './haproxy-load-balancer';
import type { BalancedServer } from './load-balancer';
import { describeIfHaproxy, haproxyBinary, pod, serverFor, sleep } from './testing/contract-adapters';
import { countBodies, freePort, httpGet, startTestNode, type TestNode } from './testing/lb-test-fixtures';
import { waitUntil } from './wait-until';

/** Alive and not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    return !/\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describeIfHaproxy('HaproxyLoadBalancer supervision (kill -9, manager restart)', () => {
  jest.setTimeout(30_000);
  let options: HaproxyLoadBalancerOptions;
  let lb: HaproxyLoadBalancer;
  let observer: HaproxySupervisor;
  let nodes: Record<'a' | 'b' | 'c', TestNode>;
  const restarts: HaproxyRestart[] = [];
  const masterPid = (): number => Number(readFileSync(join(options.workDir, 'haproxy.pid'), 'utf8'));
  const url = (): string => `${lb.url}/light`;

  beforeAll(async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'strato-lb-sup-'));
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => startTestNode(name)));
    nodes = { a, b, c };
    const port = await freePort();
    options = {
      binary: haproxyBinary ?? '',
      workDir,
      host: '127.0.0.1',
      port,
      onRestart: (r) => void restarts.push(r),
    };
    observer = new HaproxySupervisor({ binary: options.binary, workDir });
    lb = new HaproxyLoadBalancer(options);
    await lb.start([pod('light')], new Map([['light', [serverFor(a)]]]));
    await lb.addServer('light', serverFor(b));
    await lb.setWeight('light', 'b', 3);
  });

  afterAll(async () => {
    const pid = masterPid();
    await lb?.stop();
    expect(running(pid)).toBe(false);
    await Promise.all(Object.values(nodes ?? {}).map((node) => node.close()));
    rmSync(options.workDir, { recursive: true, force: true });
  });

  it('keeps haproxy.cfg a full snapshot of the runtime-API changes, valid for haproxy -c', async () => {
    const config = () => readFileSync(join(options.workDir, 'haproxy.cfg'), 'utf8');
    const serverLines = () =>
      config()
        .match(/^\s*server .*$/gm)
        ?.map((line) => line.trim().split(' weight ')[0]);
    const weightOf = (name: string) => new RegExp(`server ${name} \\S+ weight (\\d+)`).exec(config())?.[1];
    expect(serverLines()).toEqual([
      `server a 127.0.0.1:${nodes.a.port}`,
      `server b 127.0.0.1:${nodes.b.port}`,
    ]);
    expect(weightOf('b')).toBe('3');
    await lb.addServer('light', { ...serverFor(nodes.c), nodeId: 'tmp' });
    await lb.setWeight('light', 'tmp', 7);
    expect(weightOf('tmp')).toBe('7');
    await lb.removeServer('light', 'tmp');
    expect(serverLines()).toHaveLength(2);
    expect(config()).not.toContain('server tmp ');
    // Changes made together share snapshot writes, yet each caller returns with its change in the file.
    const batch = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'].map((nodeId) => ({ ...serverFor(nodes.c), nodeId }));
    await Promise.all(
      batch.map(async (server) => {
        await lb.addServer('light', server);
        expect(config()).toContain(`server ${server.nodeId} `);
      }),
    );
    expect(serverLines()).toHaveLength(2 + batch.length);
    await Promise.all(batch.map((server) => lb.removeServer('light', server.nodeId)));
    expect(serverLines()).toHaveLength(2);
    expect(
      execFileSync(options.binary, ['-c', '-f', join(options.workDir, 'haproxy.cfg')]).toString(),
    ).toContain('Configuration file is valid');
  });

  /** Kills `victim` and returns the milliseconds until a new master serves the pod again. */
  async function killAndTimeRecovery(victim: number): Promise<number> {
    const [master, restartsBefore] = [masterPid(), restarts.length];
    const killedAt = Date.now();
    process.kill(victim, 'SIGKILL');
    const served = async (): Promise<boolean> =>
      restarts.length > restartsBefore &&
      masterPid() !== master &&
      (await httpGet(url(), 500).catch(() => null))?.status === 200;
    expect(await waitUntil(served, { timeoutMs: 5000, pollMs: 10 })).toBe(true);
    return Date.now() - killedAt;
  }

  it.each([
    ['master', () => masterPid()],
    ['worker', async () => (await observer.showProc()).workers[0].pid],
  ])(
    'restarts haproxy within 2 s after kill -9 of its %s, with every server and weight',
    async (who, pid) => {
      const recoveredMs = await killAndTimeRecovery(await pid());
      console.info(`kill -9 ${who}: serving again after ${recoveredMs} ms`, restarts.at(-1));
      expect(recoveredMs).toBeLessThan(2000);
      // b was added at runtime with weight 3: both come back from the rendered config.
      const timed = () => lb.responseTimes('light', 60_000)?.samples ?? 0;
      const timedBefore = timed();
      expect(await countBodies(url(), 8)).toEqual({ a: 2, b: 6 });
      // The access log is followed again in the new worker: its requests are timed too.
      expect(await waitUntil(async () => timed() >= timedBefore + 8, { timeoutMs: 3000 })).toBe(true);
    },
  );

  it('reattaches after a manager restart without restarting haproxy or a reload storm, failing no request', async () => {
    await lb.addServer('light', serverFor(nodes.c));
    const servers: BalancedServer[] = [serverFor(nodes.a), serverFor(nodes.b, 3), serverFor(nodes.c)];
    const load = runLoad({ target: url(), schedule: constant(200), durationMs: 2500 });
    await sleep(500);
    const before = await observer.showProc();
    const reloadsSoFar: number[] = [];
    for (let restart = 0; restart < 2; restart++) {
      await lb.detach(); // the manager goes away (crash or restart); haproxy is not touched
      lb = new HaproxyLoadBalancer(options);
      await lb.start([pod('light')], new Map([['light', servers]]));
      reloadsSoFar.push((await observer.showProc()).master.reloads - before.master.reloads);
    }
    const result = await load;
    console.info(
      `reattach: reloads so far ${reloadsSoFar}; load ${result.sent} sent, ${result.failed} failed`,
    );
    expect((await observer.showProc()).master.pid).toBe(before.master.pid);
    // c was added at runtime, and the config file already says so: reattaching needs no reload at all.
    expect(reloadsSoFar).toEqual([0, 0]);
    expect(result.statusCounts).toEqual({ '200': result.sent });
    expect(await countBodies(url(), 10)).toEqual({ a: 2, b: 6, c: 2 });
    await lb.addServer('light', { ...serverFor(nodes.c), nodeId: 'c2' });
    expect((await lb.status()).map((s) => s.nodeId)).toEqual(['a', 'b', 'c', 'c2']);
  });
});
