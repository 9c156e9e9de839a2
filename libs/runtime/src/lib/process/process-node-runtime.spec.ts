import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CGROUP_CONTROLLERS, readCgroupMounts } from '../cgroup/cgroup-mounts';
import { RuntimeUnavailableError } from '../errors/runtime-unavailable.error';
import { describeNodeRuntimeContract, type ContractSubject } from '../../testing/node-runtime-contract';
import { describeNodeRuntimeLiveContract } from '../../testing/node-runtime-live-contract';
import { eventually, freePort, httpGet, isPortOpen, waitForHealth } from '../../testing/net-probes';
import { JOB_BUNDLE, requireJobBundle, uniqueCloud } from '../../testing/workspace';
import { FakeCgroupV2, groupFiles } from '../../testing/fake-cgroup-v2';
import type { RuntimeEvent } from '../runtime-event';
import { ProcessNodeRuntime } from './process-node-runtime';

const stateDirs: string[] = [];

async function pidOf(stateDir: string, nodeId: string): Promise<number> {
  return (JSON.parse(await readFile(join(stateDir, `${nodeId}.json`), 'utf8')) as { pid: number }).pid;
}

async function newStateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'strato-runtime-spec-'));
  stateDirs.push(dir);
  return dir;
}

/** Kills whatever a failed run left: only processes whose argv carries this run's node marker. */
async function killLeftovers(stateDir: string, clouds: string[]): Promise<void> {
  for (const name of (await readdir(stateDir)).filter((file) => file.endsWith('.json'))) {
    const { pid } = JSON.parse(await readFile(join(stateDir, name), 'utf8')) as { pid?: number };
    if (pid === undefined) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (clouds.some((cloud) => cmdline.includes(`--strato-node=${cloud}/`))) process.kill(-pid, 'SIGKILL');
  }
}

afterAll(async () => {
  await Promise.all(stateDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function processSubject(): Promise<ContractSubject> {
  requireJobBundle();
  const stateDir = await newStateDir();
  return {
    runtimeFor: (cloud) => new ProcessNodeRuntime({ cloud, jobServerPath: JOB_BUNDLE, stateDir }),
    cleanup: async (clouds) => {
      for (const cloud of clouds) {
        const runtime = new ProcessNodeRuntime({ cloud, jobServerPath: JOB_BUNDLE, stateDir });
        await Promise.allSettled((await runtime.list()).map((node) => runtime.remove(node.nodeId)));
      }
      await killLeftovers(stateDir, clouds);
    },
    killNode: async (_cloud, nodeId) => {
      process.kill(await pidOf(stateDir, nodeId), 'SIGKILL');
    },
  };
}

describeNodeRuntimeContract('process', processSubject);
describeNodeRuntimeLiveContract('process', processSubject);

describe('ProcessNodeRuntime', () => {
  const cloud = uniqueCloud('pt');
  let stateDir: string;
  let runtime: ProcessNodeRuntime;

  beforeAll(async () => {
    stateDir = await newStateDir();
    runtime = new ProcessNodeRuntime({ cloud, jobServerPath: JOB_BUNDLE, stateDir });
  });

  afterAll(async () => {
    await Promise.allSettled((await runtime.list()).map((node) => runtime.remove(node.nodeId)));
  });

  it('caps a node in its own cgroup v1 groups, joined before the job server runs, and removes them with it', async () => {
    const mounts = await readCgroupMounts();
    if (CGROUP_CONTROLLERS.some((controller) => mounts[controller] === undefined)) {
      console.warn(
        'NOT RUN: this host has no complete cgroup v1 (the v2 layout is tested on a fake tree below)',
      );
      return;
    }
    const port = await freePort();
    const node = await runtime.create({
      nodeId: 'caps',
      incarnation: 1,
      pod: 'light',
      port,
      cpus: 0.3,
      memoryMiB: 100,
    });
    expect(node.limits).toEqual({ enforced: true, reason: null });
    await runtime.start('caps');
    await waitForHealth(port);
    const pid = await pidOf(stateDir, 'caps');
    const dirs = CGROUP_CONTROLLERS.map((controller) => `${mounts[controller]}/strato/${cloud}/caps`);
    for (const line of (await readFile(`/proc/${pid}/cgroup`, 'utf8')).split('\n')) {
      if (/:(memory|cpu|cpuacct|freezer):/.test(line))
        expect(line).toMatch(new RegExp(`:/strato/${cloud}/caps$`));
    }
    expect(await readFile(`${dirs[0]}/memory.limit_in_bytes`, 'utf8')).toBe(`${100 * 2 ** 20}\n`);
    expect(await readFile(`${dirs[0]}/memory.memsw.limit_in_bytes`, 'utf8')).toBe(`${100 * 2 ** 20}\n`);
    expect(await readFile(`${dirs[1]}/cpu.cfs_quota_us`, 'utf8')).toBe('30000\n');
    expect(await readFile(`${dirs[1]}/cpu.cfs_period_us`, 'utf8')).toBe('100000\n');
    // Node's own start-up (~50 ms of CPU) is only counted if the process was in the group before exec.
    expect((await runtime.stats('caps')).cpuUsageNanos).toBeGreaterThan(20e6);
    await runtime.remove('caps');
    for (const dir of dirs) expect(existsSync(dir)).toBe(false);
  });

  it('runs uncapped where cgroups are off, saying why: SIGSTOP pause, stats from /proc', async () => {
    const uncapped = new ProcessNodeRuntime({ cloud, jobServerPath: JOB_BUNDLE, stateDir, cgroups: false });
    const port = await freePort();
    const node = await uncapped.create({
      nodeId: 'uncapped',
      incarnation: 1,
      pod: 'light',
      port,
      cpus: 0.3,
      memoryMiB: 100,
    });
    const notEnforced = { enforced: false, reason: 'cgroups are switched off for this runtime' };
    expect(node.limits).toEqual(notEnforced);
    expect(await uncapped.hostLimits()).toEqual(notEnforced);
    expect(await uncapped.start('uncapped')).toMatchObject({ limits: notEnforced });
    await waitForHealth(port);
    const stats = await uncapped.stats('uncapped');
    expect(stats).toMatchObject({ source: 'proc', cpuQuotaCpus: null, memoryLimitBytes: null });
    expect(stats.cpuUsageNanos).toBeGreaterThan(0);
    expect(stats.memoryBytes).toBeGreaterThan(10 * 2 ** 20);
    expect(await uncapped.pause('uncapped')).toMatchObject({ state: 'paused' });
    await expect(httpGet(port, '/health', 300)).rejects.toThrow(/timed out/);
    expect(await uncapped.resume('uncapped')).toMatchObject({ state: 'running' });
    expect((await httpGet(port, '/health')).status).toBe(200);
    await uncapped.remove('uncapped');
  });

  it('adopts a running node whose pid never reached its state file, through its cgroup', async () => {
    const port = await freePort();
    await runtime.create({
      nodeId: 'adopted',
      incarnation: 1,
      pod: 'light',
      port,
      cpus: 0.5,
      memoryMiB: 100,
    });
    await runtime.start('adopted');
    await waitForHealth(port);
    const pid = await pidOf(stateDir, 'adopted');
    const statePath = join(stateDir, 'adopted.json');
    const state = JSON.parse(await readFile(statePath, 'utf8')) as Record<string, unknown>;
    await writeFile(statePath, JSON.stringify({ ...state, pid: undefined }));
    const fresh = new ProcessNodeRuntime({ cloud, jobServerPath: JOB_BUNDLE, stateDir });
    expect(await fresh.inspect('adopted')).toMatchObject({ state: 'running' });
    expect(await pidOf(stateDir, 'adopted')).toBe(pid);
    await fresh.remove('adopted');
    expect(await isPortOpen(port)).toBe(false);
  });

  it('reads a node whose state file predates incarnations as incarnation null', async () => {
    const port = await freePort();
    await runtime.create({ nodeId: 'legacy', incarnation: 1, pod: 'light', port, cpus: 0.3, memoryMiB: 100 });
    const statePath = join(stateDir, 'legacy.json');
    const state = JSON.parse(await readFile(statePath, 'utf8')) as Record<string, unknown>;
    await writeFile(statePath, JSON.stringify({ ...state, incarnation: undefined }));
    expect(await runtime.inspect('legacy')).toMatchObject({ nodeId: 'legacy', incarnation: null, port });
    expect((await runtime.list()).find((node) => node.nodeId === 'legacy')?.incarnation).toBeNull();
    await runtime.remove('legacy');
  });

  it('runs the job server in its own session, so it outlives an agent restart', async () => {
    const port = await freePort();
    await runtime.create({
      nodeId: 'session',
      incarnation: 1,
      pod: 'light',
      port,
      cpus: 0.3,
      memoryMiB: 100,
    });
    await runtime.start('session');
    const pid = await pidOf(stateDir, 'session');
    // /proc/<pid>/stat: "pid (comm) state ppid pgrp session ..."
    const [, , pgrp, session] = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    expect([Number(pgrp), Number(session)]).toEqual([pid, pid]);
    await waitForHealth(port);
    await runtime.remove('session');
  });

  it('kills a node that ignores SIGTERM once the stop timeout passes', async () => {
    const stubborn = join(stateDir, 'stubborn.js');
    await writeFile(
      stubborn,
      "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.log('up');",
    );
    const ignoring = new ProcessNodeRuntime({ cloud, jobServerPath: stubborn, stateDir });
    await ignoring.create({
      nodeId: 'stubborn',
      incarnation: 1,
      pod: 'light',
      port: await freePort(),
      cpus: 0.3,
      memoryMiB: 100,
    });
    await ignoring.start('stubborn');
    await eventually(async () => (await ignoring.logs('stubborn')).includes('up'));
    const started = Date.now();
    await ignoring.stop('stubborn', 300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await ignoring.inspect('stubborn')).toMatchObject({ state: 'exited' });
    await ignoring.remove('stubborn');
  });

  it('does not mistake a recycled pid for the node', async () => {
    await runtime.create({
      nodeId: 'recycled',
      incarnation: 1,
      pod: 'light',
      port: await freePort(),
      cpus: 0.3,
      memoryMiB: 100,
    });
    const stranger = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
    try {
      const statePath = join(stateDir, 'recycled.json');
      const state = JSON.parse(await readFile(statePath, 'utf8')) as Record<string, unknown>;
      await writeFile(statePath, JSON.stringify({ ...state, pid: stranger.pid }));
      expect(await runtime.inspect('recycled')).toMatchObject({ state: 'exited' });
      await runtime.remove('recycled');
      expect(stranger.exitCode).toBeNull();
    } finally {
      stranger.kill('SIGKILL');
    }
  });

  it('fails to start with RuntimeUnavailableError when the job server bundle is missing', async () => {
    const broken = new ProcessNodeRuntime({ cloud, jobServerPath: join(stateDir, 'missing.js'), stateDir });
    await broken.create({
      nodeId: 'nobundle',
      incarnation: 1,
      pod: 'light',
      port: await freePort(),
      cpus: 0.3,
      memoryMiB: 100,
    });
    await expect(broken.start('nobundle')).rejects.toThrow(RuntimeUnavailableError);
    await expect(broken.start('nobundle')).rejects.toThrow(/npx nx build job/);
  });

  it('fails to start with RuntimeUnavailableError when the node binary is missing', async () => {
    const broken = new ProcessNodeRuntime({
      cloud,
      jobServerPath: JOB_BUNDLE,
      stateDir,
      nodeBinary: '/nonexistent/node',
    });
    await broken.create({
      nodeId: 'nobinary',
      incarnation: 1,
      pod: 'light',
      port: await freePort(),
      cpus: 0.3,
      memoryMiB: 100,
    });
    await expect(broken.start('nobinary')).rejects.toThrow(RuntimeUnavailableError);
  });

  it('rejects ids that could escape the state directory', async () => {
    await expect(
      runtime.create({ nodeId: '../evil', incarnation: 1, pod: 'light', port: 8080, cpus: 1, memoryMiB: 64 }),
    ).rejects.toThrow(RangeError);
    await expect(runtime.inspect('../evil')).rejects.toThrow(RangeError);
  });
});

describe('ProcessNodeRuntime on cgroup v2 (a fake tree: these hosts are cgroup v1)', () => {
  const cloud = uniqueCloud('v2');
  let stateDir: string;
  let nodesDir: string;
  let runtime: ProcessNodeRuntime;
  let fresh: () => ProcessNodeRuntime;
  let stopFreezer = (): void => undefined;

  beforeAll(async () => {
    requireJobBundle();
    stateDir = await newStateDir();
    const fake = await FakeCgroupV2.create(join(stateDir, 'cgroup'));
    await writeFile(join(fake.root, 'cgroup.subtree_control'), '+cpu +memory +pids');
    const own = await fake.group('strato-agent.service', [process.pid]);
    nodesDir = `${own}/nodes/${cloud}`;
    const procMountsPath = join(stateDir, 'mounts');
    const procSelfCgroupPath = join(stateDir, 'self-cgroup');
    await writeFile(procMountsPath, fake.procMounts());
    await writeFile(procSelfCgroupPath, '0::/strato-agent.service\n');
    const cgroupHost = { procMountsPath, procSelfCgroupPath, dirs: fake.dirs };
    fresh = () => new ProcessNodeRuntime({ cloud, jobServerPath: JOB_BUNDLE, stateDir, cgroupHost });
    runtime = fresh();
    stopFreezer = fake.freezer(`${own}/nodes`);
  });

  afterAll(async () => {
    await Promise.allSettled((await runtime.list()).map((node) => runtime.remove(node.nodeId)));
    await killLeftovers(stateDir, [cloud]);
    stopFreezer();
  });

  const start = async (nodeId: string): Promise<number> => {
    const port = await freePort();
    await runtime.create({ nodeId, incarnation: 1, pod: 'light', port, cpus: 0.3, memoryMiB: 100 });
    expect(await runtime.start(nodeId)).toMatchObject({ limits: { enforced: true, reason: null } });
    await waitForHealth(port);
    return port;
  };

  it('writes cpu.max, memory.max and memory.swap.max 0 in <own>/nodes/<cloud>/<node>, joined before exec', async () => {
    expect(await runtime.hostLimits()).toEqual({ enforced: true, reason: null });
    await start('capped');
    const pid = await pidOf(stateDir, 'capped');
    expect(await groupFiles(`${nodesDir}/capped`)).toMatchObject({
      'cgroup.procs': `${pid}\n`,
      'cpu.max': '30000 100000',
      'memory.max': String(100 * 2 ** 20),
      'memory.swap.max': '0',
    });
    expect(await runtime.stats('capped')).toMatchObject({
      source: 'cgroup',
      cpuQuotaCpus: 0.3,
      memoryLimitBytes: 100 * 2 ** 20,
    });
    await runtime.remove('capped');
    expect(existsSync(`${nodesDir}/capped`)).toBe(false);
  });

  it('pauses with cgroup.freeze, and a fresh adapter finds it paused; resumes with cgroup.freeze 0', async () => {
    const port = await start('frozen');
    expect(await runtime.pause('frozen')).toMatchObject({ state: 'paused' });
    expect(await readFile(`${nodesDir}/frozen/cgroup.freeze`, 'utf8')).toBe('1');
    await expect(httpGet(port, '/health', 300)).rejects.toThrow(/timed out/);
    expect(await fresh().inspect('frozen')).toMatchObject({ state: 'paused' });
    expect(await runtime.resume('frozen')).toMatchObject({ state: 'running' });
    expect(await readFile(`${nodesDir}/frozen/cgroup.freeze`, 'utf8')).toBe('0');
    expect((await httpGet(port, '/health', 1_000)).status).toBe(200);
    await runtime.remove('frozen');
  });

  it('reports a SIGKILL with oom_kill counted in memory.events as an OOM kill', async () => {
    await start('oom');
    const seen: RuntimeEvent[] = [];
    const unsubscribe = runtime.subscribe((event) => seen.push(event));
    try {
      await writeFile(`${nodesDir}/oom/memory.events`, 'low 0\nhigh 0\nmax 9\noom 1\noom_kill 1\n');
      process.kill(await pidOf(stateDir, 'oom'), 'SIGKILL');
      expect(await eventually(async () => seen.length > 0, 2_000)).toBe(true);
      expect(seen[0]).toMatchObject({ type: 'exited', nodeId: 'oom', oomKilled: true, signal: 'SIGKILL' });
    } finally {
      unsubscribe();
    }
    await runtime.remove('oom');
  });
});
