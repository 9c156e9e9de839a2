import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import type { NodeLimits } from '@strato/contracts';
import { readCgroupSample, readOomKills, type CgroupSample } from '../cgroup/cgroup-files';
import { exists, pollUntil, readOptional, removeWhenEmpty } from '../cgroup/cgroup-io';
import { cgroupDirs, type CgroupDirs, type CgroupMounts } from '../cgroup/cgroup-mounts';
import { LIMITS_ENFORCED } from '../node-limits';
import { cfsQuotaMicros, CFS_PERIOD_US, joinThenExec } from './join-cgroups';
import { isErrno } from './node-state-store';
import { readProcSample } from './proc-sample';
import { OUTSIDE_CGROUP, type ProcessLimits, type ProcessLimitsSpec } from './process-limits';

const FREEZE_TIMEOUT_MS = 2_000;

/** A cgroup v1 group per node, <controller>/strato/<cloud>/<nodeId>: memory and CFS caps, freezer to pause. */
export class CgroupV1ProcessLimits implements ProcessLimits {
  readonly limits = LIMITS_ENFORCED;

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
    await writeFile(`${dirs.cpu}/cpu.cfs_quota_us`, String(cfsQuotaMicros(spec.cpus)));
    return joinThenExec(Object.values(dirs), argv);
  }

  async joinArgv(nodeId: string, argv: readonly string[]): Promise<string[]> {
    const dirs = this.dirs(nodeId);
    return (await exists(dirs.memory)) ? joinThenExec(Object.values(dirs), argv) : [...argv];
  }

  async setCpus(nodeId: string, cpus: number): Promise<void> {
    await writeFile(`${this.dirs(nodeId).cpu}/cpu.cfs_quota_us`, String(cfsQuotaMicros(cpus)));
  }

  async release(nodeId: string): Promise<void> {
    const dirs = unique(Object.values(this.dirs(nodeId)));
    await Promise.all(dirs.map((dir) => removeWhenEmpty(dir, rmdir)));
    // The cloud's group goes with its last node; while another node is in it, rmdir fails, as it should.
    await Promise.all(dirs.map((dir) => rmdir(dir.slice(0, dir.lastIndexOf('/'))).catch(() => undefined)));
  }

  async freeze(nodeId: string): Promise<void> {
    const state = `${this.dirs(nodeId).freezer}/freezer.state`;
    await writeFile(state, 'FROZEN');
    // FREEZING means some task has not stopped yet; requests still run until it reads FROZEN.
    await pollUntil(
      async () => (await readFile(state, 'utf8')).trim() === 'FROZEN',
      FREEZE_TIMEOUT_MS,
      () => `node ${nodeId}: ${state} still not FROZEN after ${FREEZE_TIMEOUT_MS} ms`,
    );
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

  async nodeLimits(nodeId: string): Promise<NodeLimits> {
    return (await exists(this.dirs(nodeId).memory)) ? LIMITS_ENFORCED : OUTSIDE_CGROUP;
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

async function writeIfPresent(path: string, value: string): Promise<void> {
  try {
    await writeFile(path, value);
  } catch (error) {
    // memsw files only exist with swap accounting on (swapaccount=1).
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}
