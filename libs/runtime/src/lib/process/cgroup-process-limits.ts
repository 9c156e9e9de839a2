import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { readCgroupSample, readOomKills, type CgroupSample } from '../cgroup/cgroup-files';
import { cgroupDirs, type CgroupDirs, type CgroupMounts } from '../cgroup/cgroup-mounts';
import { isErrno } from './node-state-store';
import { readProcSample } from './proc-sample';
import type { ProcessLimits, ProcessLimitsSpec } from './process-limits';

const CFS_PERIOD_US = 100_000;
// The kernel refuses quotas under 1 ms.
const MIN_CFS_QUOTA_US = 1_000;
const RELEASE_TIMEOUT_MS = 2_000;
const FREEZE_TIMEOUT_MS = 2_000;
const POLL_MS = 10;

// Joins every cgroup given as an argument before exec, so the job server never runs a moment outside its caps.
const JOIN_THEN_EXEC =
  'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1/cgroup.procs" || exit 125; shift; n=$((n - 1)); done; exec "$@"';

/** A cgroup v1 group per node, <controller>/strato/<cloud>/<nodeId>: memory and CFS caps, freezer to pause. */
export class CgroupProcessLimits implements ProcessLimits {
  readonly enforced = true;

  constructor(
    private readonly mounts: CgroupMounts,
    private readonly cloud: string,
  ) {}

  async wrap(spec: ProcessLimitsSpec, argv: readonly string[]): Promise<string[]> {
    const dirs = this.dirs(spec.nodeId);
    // A fresh group per start: the OOM counter then speaks only of this run.
    await this.release(spec.nodeId);
    await this.makeDirs(dirs);
    const memoryBytes = String(Math.round(spec.memoryMiB * 2 ** 20));
    // memory.limit first: the kernel keeps memsw.limit >= limit at every step.
    await writeFile(`${dirs.memory}/memory.limit_in_bytes`, memoryBytes);
    await writeIfPresent(`${dirs.memory}/memory.memsw.limit_in_bytes`, memoryBytes);
    await writeFile(`${dirs.cpu}/cpu.cfs_period_us`, String(CFS_PERIOD_US));
    const quota = Math.max(MIN_CFS_QUOTA_US, Math.round(spec.cpus * CFS_PERIOD_US));
    await writeFile(`${dirs.cpu}/cpu.cfs_quota_us`, String(quota));
    const joined = unique(Object.values(dirs));
    return ['/bin/sh', '-c', JOIN_THEN_EXEC, 'strato-join', String(joined.length), ...joined, ...argv];
  }

  async release(nodeId: string): Promise<void> {
    const dirs = unique(Object.values(this.dirs(nodeId)));
    await Promise.all(dirs.map((dir) => removeWhenEmpty(dir)));
    // The cloud's group goes with its last node; while another node is in it, rmdir fails, as it should.
    await Promise.all(dirs.map((dir) => rmdir(dir.slice(0, dir.lastIndexOf('/'))).catch(() => undefined)));
  }

  async freeze(nodeId: string): Promise<void> {
    const state = `${this.dirs(nodeId).freezer}/freezer.state`;
    await writeFile(state, 'FROZEN');
    // FREEZING means some task has not stopped yet; requests still run until it reads FROZEN.
    const deadline = Date.now() + FREEZE_TIMEOUT_MS;
    while ((await readFile(state, 'utf8')).trim() !== 'FROZEN') {
      if (Date.now() > deadline)
        throw new Error(`node ${nodeId}: ${state} still not FROZEN after ${FREEZE_TIMEOUT_MS} ms`);
      await sleep(POLL_MS);
    }
  }

  async thaw(nodeId: string): Promise<void> {
    try {
      await writeFile(`${this.dirs(nodeId).freezer}/freezer.state`, 'THAWED');
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
  }

  async isFrozen(nodeId: string): Promise<boolean> {
    const state = await readOptional(`${this.dirs(nodeId).freezer}/freezer.state`);
    return state !== undefined && state.trim() !== 'THAWED';
  }

  async sample(nodeId: string, pid: number): Promise<CgroupSample & { source: 'cgroup' | 'proc' }> {
    try {
      return { ...(await readCgroupSample(this.dirs(nodeId))), source: 'cgroup' };
    } catch (error) {
      // A node started before this agent had cgroups runs in none: /proc still knows its CPU and memory.
      if (!isErrno(error, 'ENOENT')) throw error;
      return { ...(await readProcSample(pid)), source: 'proc' };
    }
  }

  async oomKills(nodeId: string): Promise<number> {
    try {
      return await readOomKills(this.dirs(nodeId).memory);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return 0;
      throw error;
    }
  }

  async pids(nodeId: string): Promise<number[]> {
    const procs = await readOptional(`${this.dirs(nodeId).memory}/cgroup.procs`);
    return (procs ?? '').split('\n').filter(Boolean).map(Number);
  }

  private dirs(nodeId: string): CgroupDirs {
    const dirs = cgroupDirs(this.mounts, `strato/${this.cloud}/${nodeId}`);
    if (dirs === undefined) throw new Error('cgroup controllers vanished from /proc/mounts');
    return dirs;
  }

  private async makeDirs(dirs: CgroupDirs): Promise<void> {
    for (const dir of unique(Object.values(dirs))) {
      // Another node's release() may remove the cloud's parent between our mkdirs: try again.
      for (let attempt = 1; ; attempt++) {
        try {
          await mkdir(dir, { recursive: true });
          break;
        } catch (error) {
          if (!isErrno(error, 'ENOENT') || attempt === 3) throw error;
        }
      }
    }
  }
}

/** rmdir, retried while the kernel still counts an exiting task in the group (EBUSY). */
async function removeWhenEmpty(dir: string): Promise<void> {
  const deadline = Date.now() + RELEASE_TIMEOUT_MS;
  for (;;) {
    try {
      await rmdir(dir);
      return;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return;
      if (!isErrno(error, 'EBUSY') || Date.now() > deadline) {
        throw new Error(`cannot remove cgroup ${dir}: ${String(error)}`, { cause: error });
      }
      await sleep(POLL_MS);
    }
  }
}

async function writeIfPresent(path: string, value: string): Promise<void> {
  try {
    await writeFile(path, value);
  } catch (error) {
    // memsw files only exist with swap accounting on (swapaccount=1).
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
