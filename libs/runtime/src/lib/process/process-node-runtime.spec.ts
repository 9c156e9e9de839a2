import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeUnavailableError } from '../errors/runtime-unavailable.error';
import { describeNodeRuntimeContract } from '../../testing/node-runtime-contract';
import { eventually, freePort, waitForHealth } from '../../testing/net-probes';
import { JOB_BUNDLE, requireJobBundle, uniqueCloud } from '../../testing/workspace';
import { ProcessNodeRuntime } from './process-node-runtime';

const stateDirs: string[] = [];

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

describeNodeRuntimeContract('process', async () => {
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
  };
});

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

  it('reports limits as not enforced until cgroups arrive', async () => {
    const node = await runtime.create({
      nodeId: 'limits',
      pod: 'light',
      port: await freePort(),
      cpus: 0.3,
      memoryMiB: 100,
    });
    expect(node.limitsEnforced).toBe(false);
  });

  it('runs the job server in its own session, so it outlives an agent restart', async () => {
    const port = await freePort();
    await runtime.create({ nodeId: 'session', pod: 'light', port, cpus: 0.3, memoryMiB: 100 });
    await runtime.start('session');
    const { pid } = JSON.parse(await readFile(join(stateDir, 'session.json'), 'utf8')) as { pid: number };
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
      pod: 'light',
      port: await freePort(),
      cpus: 0.3,
      memoryMiB: 100,
    });
    await expect(broken.start('nobinary')).rejects.toThrow(RuntimeUnavailableError);
  });

  it('rejects ids that could escape the state directory', async () => {
    await expect(
      runtime.create({ nodeId: '../evil', pod: 'light', port: 8080, cpus: 1, memoryMiB: 64 }),
    ).rejects.toThrow(RangeError);
    await expect(runtime.inspect('../evil')).rejects.toThrow(RangeError);
  });
});
