import { NodeNotFoundError } from '../lib/errors/node-not-found.error';
import { NodeNotRunningError } from '../lib/errors/node-not-running.error';
import type { NodeRuntime, NodeSpec, RuntimeNode } from '../lib/node-runtime';
import { cpuPercent } from '../lib/node-stats';
import type { NodeExitedEvent, RuntimeEvent } from '../lib/runtime-event';
import { startLoad } from './load';
import { eventually, freePort, httpGet, isPortOpen, sleep, waitForHealth } from './net-probes';
import type { ContractSubject, Describe } from './node-runtime-contract';
import { uniqueCloud } from './workspace';

// Below what the job server needs for /medium's 32 MiB buffer on top of its ~9 MiB of anonymous memory at rest.
const OOM_LIMIT_MIB = 32;

/**
 * Whether a cap test can check anything: a node without caps proves nothing. Under CI=true that FAILS the
 * test, with the host's reason; elsewhere the test is reported, loudly, as not run.
 */
export function capsEnforcedOrNotRun(name: string, test: string, node: RuntimeNode | undefined): boolean {
  if (node?.limits.enforced) return true;
  const why = `${name}: "${test}" cannot run: caps are not enforced on this host (${node?.limits.reason ?? 'node not found'})`;
  if (process.env['CI'] === 'true' || process.env['CI'] === '1')
    throw new Error(`${why}; under CI=true a cap test that cannot enforce fails`);
  console.warn(`\n${'!'.repeat(100)}\nNOT RUN: ${why}\n${'!'.repeat(100)}\n`);
  return false;
}

/** Pause, stats, caps and exit events, checked against the real runtime underneath. */
export function describeNodeRuntimeLiveContract(
  name: string,
  setup: () => Promise<ContractSubject>,
  describeFn: Describe = describe,
): void {
  describeFn(`${name} NodeRuntime live contract`, () => {
    const cloud = uniqueCloud('lv');
    let subject: ContractSubject;
    let runtime: NodeRuntime;
    const events: RuntimeEvent[] = [];
    let unsubscribe = (): void => undefined;

    const startNode = async (nodeId: string, caps: Partial<NodeSpec> = {}): Promise<NodeSpec> => {
      const port = await freePort();
      const spec = { nodeId, incarnation: 1, pod: 'light', port, cpus: 0.5, memoryMiB: 128, ...caps };
      await runtime.create(spec);
      await runtime.start(nodeId);
      await waitForHealth(spec.port);
      return spec;
    };
    const exitOf = async (
      nodeId: string,
      sinceIndex: number,
      timeoutMs = 2_000,
    ): Promise<NodeExitedEvent> => {
      const find = (): NodeExitedEvent | undefined =>
        events
          .slice(sinceIndex)
          .find((event): event is NodeExitedEvent => event.type === 'exited' && event.nodeId === nodeId);
      await eventually(async () => find() !== undefined, timeoutMs);
      const event = find();
      if (event === undefined) throw new Error(`no exited event for ${nodeId} within ${timeoutMs} ms`);
      return event;
    };

    beforeAll(async () => {
      subject = await setup();
      runtime = subject.runtimeFor(cloud);
      unsubscribe = runtime.subscribe((event) => events.push(event));
    }, 120_000);

    afterAll(async () => {
      unsubscribe();
      await subject?.cleanup([cloud]);
    }, 60_000);

    it('pauses a node: /health gets no answer within 500 ms, and a fresh adapter finds it paused', async () => {
      const { port } = await startNode('paused');
      expect(await runtime.pause('paused')).toMatchObject({ nodeId: 'paused', state: 'paused' });
      await expect(httpGet(port, '/health', 500)).rejects.toThrow(/timed out/);
      expect(await runtime.pause('paused')).toMatchObject({ state: 'paused' });
      const fresh = subject.runtimeFor(cloud);
      expect(await fresh.inspect('paused')).toMatchObject({ state: 'paused', port });
      expect(await fresh.list()).toEqual([expect.objectContaining({ nodeId: 'paused', state: 'paused' })]);
      expect((await fresh.stats('paused')).nodeId).toBe('paused');
    });

    it('resumes a paused node, which answers /health again', async () => {
      expect(await runtime.resume('paused')).toMatchObject({ state: 'running' });
      expect(await runtime.inspect('paused')).toMatchObject({ state: 'running' });
      expect((await httpGet((await runtime.inspect('paused'))?.port ?? 0, '/health', 1_000)).status).toBe(
        200,
      );
      expect(await runtime.resume('paused')).toMatchObject({ state: 'running' });
      await runtime.remove('paused');
    });

    it('removes a paused node, thawing it to stop it', async () => {
      const { port } = await startNode('frozen');
      await runtime.pause('frozen');
      await runtime.remove('frozen');
      expect(await runtime.inspect('frozen')).toBeUndefined();
      expect(await isPortOpen(port)).toBe(false);
    });

    it('samples stats in milliseconds; cumulative CPU grows under load; caps as set', async () => {
      const spec = await startNode('stats', { cpus: 0.5, memoryMiB: 128 });
      const started = Date.now();
      const before = await runtime.stats('stats');
      const sampleMs = Date.now() - started;
      for (let i = 0; i < 3; i++) await httpGet(spec.port, '/heavy?scale=0.05', 5_000);
      const after = await runtime.stats('stats');
      console.log(
        `${name}: stats sample ${sampleMs} ms from ${before.source}, memory ${after.memoryBytes} bytes`,
      );
      expect(sampleMs).toBeLessThan(200);
      expect(after.cpuUsageNanos).toBeGreaterThan(before.cpuUsageNanos);
      expect(after.at).toBeGreaterThanOrEqual(before.at);
      expect(after.memoryBytes).toBeGreaterThan(0);
      if (capsEnforcedOrNotRun(name, 'caps as set', await runtime.inspect('stats'))) {
        expect(after).toMatchObject({ cpuQuotaCpus: 0.5, memoryLimitBytes: 128 * 2 ** 20 });
      }
      await runtime.remove('stats');
    });

    it('boots a node under its boot CPUs; applyCpuCap puts its own cap in force, for good', async () => {
      const spec = await startNode('boosted', { cpus: 0.3, bootCpus: 1 });
      if (capsEnforcedOrNotRun(name, 'boot boost', await runtime.inspect('boosted'))) {
        expect((await runtime.stats('boosted')).cpuQuotaCpus).toBe(1);
        await runtime.applyCpuCap('boosted');
        expect((await runtime.stats('boosted')).cpuQuotaCpus).toBe(0.3);
        await runtime.applyCpuCap('boosted');
        await subject.runtimeFor(cloud).applyCpuCap('boosted');
        expect((await runtime.stats('boosted')).cpuQuotaCpus).toBe(0.3);
        await runtime.stop('boosted');
        await runtime.start('boosted');
        await waitForHealth(spec.port);
        expect((await subject.runtimeFor(cloud).stats('boosted')).cpuQuotaCpus).toBe(0.3);
      }
      await runtime.remove('boosted');
    });

    it('holds a saturated 0.3-CPU node to 0.3 CPU ± 10 %', async () => {
      const spec = await startNode('capped', { cpus: 0.3 });
      if (!capsEnforcedOrNotRun(name, 'CPU cap', await runtime.inspect('capped'))) {
        await runtime.remove('capped');
        return;
      }
      const load = startLoad(spec.port, '/heavy?scale=0.1', 3, 8_000);
      try {
        await sleep(500);
        const first = await runtime.stats('capped');
        await sleep(3_000);
        const second = await runtime.stats('capped');
        const cpus = cpuPercent(first, second) / 100;
        const throttled = second.throttledPeriods - first.throttledPeriods;
        const periods = second.totalPeriods - first.totalPeriods;
        console.log(
          `${name}: 0.3-CPU node saturated: ${cpus.toFixed(3)} CPU, throttled ${throttled}/${periods} periods`,
        );
        expect(cpus).toBeGreaterThanOrEqual(0.27);
        expect(cpus).toBeLessThanOrEqual(0.33);
        expect(throttled).toBeGreaterThan(periods / 2);
      } finally {
        await runtime.stop('capped', 0);
        await load.stop();
        await runtime.remove('capped');
      }
    });

    it('reports a node pushed past its memory limit as OOM-killed within 2 s', async () => {
      const spec = await startNode('oom', { memoryMiB: OOM_LIMIT_MIB });
      if (!capsEnforcedOrNotRun(name, 'memory cap', await runtime.inspect('oom'))) {
        await runtime.remove('oom');
        return;
      }
      const mark = events.length;
      let failedAt = 0;
      for (let i = 0; i < 5 && failedAt === 0; i++) {
        await httpGet(spec.port, '/medium', 5_000).catch(() => (failedAt = Date.now()));
      }
      expect(failedAt).toBeGreaterThan(0);
      const exited = await exitOf('oom', mark);
      console.log(
        `${name}: OOM kill at ${OOM_LIMIT_MIB} MiB reported ${exited.at - failedAt} ms after the failed request`,
      );
      expect(exited).toMatchObject({ pod: 'light', oomKilled: true, signal: 'SIGKILL', exitCode: 137 });
      expect(await runtime.inspect('oom')).toMatchObject({ state: 'exited' });
      await runtime.remove('oom');
    });

    it('reports an external SIGKILL as an exited event within 2 s, with its incarnation, exit code and signal', async () => {
      await startNode('killed', { incarnation: 4 });
      const mark = events.length;
      const killedAt = Date.now();
      await subject.killNode(cloud, 'killed');
      const exited = await exitOf('killed', mark);
      console.log(`${name}: external kill reported after ${Date.now() - killedAt} ms`);
      expect(exited).toMatchObject({
        pod: 'light',
        incarnation: 4,
        exitCode: 137,
        signal: 'SIGKILL',
        oomKilled: false,
      });
      await runtime.remove('killed');
    });

    it('lets a fresh adapter notice the exit of a node it did not start, and of which incarnation', async () => {
      await startNode('orphan', { incarnation: 6 });
      const fresh = subject.runtimeFor(cloud);
      const seen: RuntimeEvent[] = [];
      const stop = fresh.subscribe((event) => seen.push(event));
      try {
        // A watcher judges exits against what it has seen alive: give it one look first.
        await sleep(600);
        await subject.killNode(cloud, 'orphan');
        expect(await eventually(async () => seen.some((event) => event.nodeId === 'orphan'), 2_000)).toBe(
          true,
        );
        expect(seen.find((event) => event.type === 'exited')).toMatchObject({
          nodeId: 'orphan',
          incarnation: 6,
          oomKilled: false,
        });
      } finally {
        stop();
      }
      await runtime.remove('orphan');
    });

    it('refuses pause, resume and stats of a node that is not running', async () => {
      await runtime.create({
        nodeId: 'idle',
        incarnation: 1,
        pod: 'light',
        port: await freePort(),
        cpus: 0.5,
        memoryMiB: 128,
      });
      for (const call of [
        () => runtime.pause('idle'),
        () => runtime.resume('idle'),
        () => runtime.stats('idle'),
      ]) {
        await expect(call()).rejects.toBeInstanceOf(NodeNotRunningError);
      }
      await expect(runtime.stats('ghost')).rejects.toBeInstanceOf(NodeNotFoundError);
      await expect(runtime.pause('ghost')).rejects.toBeInstanceOf(NodeNotFoundError);
      await runtime.remove('idle');
    });
  });
}
