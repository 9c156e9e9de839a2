import { readFile, writeFile } from 'node:fs/promises';
import type { NodeLimits } from '@strato/contracts';
import type { CgroupDirOps } from '../cgroup/cgroup-dir-ops';
import { parseKeyValues, type CgroupSample } from '../cgroup/cgroup-files';
import { exists, pollUntil, readOptional, removeWhenEmpty, writeExisting } from '../cgroup/cgroup-io';
import { readCgroupV2Sample, readV2OomKills } from '../cgroup/cgroup-v2-files';
import { ENABLE_NODE_CONTROLLERS } from '../cgroup/cgroup-v2-subtree';
import { LIMITS_ENFORCED } from '../node-limits';
import { cfsQuotaMicros, CFS_PERIOD_US, joinThenExec } from './join-cgroups';
import { isErrno } from './node-state-store';
import { readProcSample } from './proc-sample';
import { OUTSIDE_CGROUP, type ProcessLimits, type ProcessLimitsSpec } from './process-limits';

const FREEZE_TIMEOUT_MS = 2_000;

/**
 * A cgroup v2 group per node, <nodesDir>/<cloud>/<nodeId>, in a subtree the agent owns (see
 * prepareCgroupV2Subtree): cpu.max, memory.max and memory.swap.max 0; cgroup.freeze to pause.
 */
export class CgroupV2ProcessLimits implements ProcessLimits {
  readonly limits = LIMITS_ENFORCED;

  constructor(
    private readonly nodesDir: string,
    private readonly cloud: string,
    private readonly dirs: CgroupDirOps,
  ) {}

  async wrap(spec: ProcessLimitsSpec, argv: readonly string[]): Promise<string[]> {
    const dir = this.dir(spec.nodeId);
    // A fresh group per start: memory.events then counts only this run's OOM kills.
    await this.release(spec.nodeId);
    await this.makeGroup(dir);
    await writeExisting(`${dir}/memory.max`, String(Math.round(spec.memoryMiB * 2 ** 20)));
    // No swap: the memory cap is a real cap, and an overrun is an OOM kill rather than a slow node.
    await writeExisting(`${dir}/memory.swap.max`, '0');
    await writeExisting(`${dir}/cpu.max`, `${cfsQuotaMicros(spec.cpus)} ${CFS_PERIOD_US}`);
    return joinThenExec([dir], argv);
  }

  async joinArgv(nodeId: string, argv: readonly string[]): Promise<string[]> {
    const dir = this.dir(nodeId);
    return (await exists(dir)) ? joinThenExec([dir], argv) : [...argv];
  }

  async setCpus(nodeId: string, cpus: number): Promise<void> {
    await writeExisting(`${this.dir(nodeId)}/cpu.max`, `${cfsQuotaMicros(cpus)} ${CFS_PERIOD_US}`);
  }

  async release(nodeId: string): Promise<void> {
    await removeWhenEmpty(this.dir(nodeId), this.dirs.rmdir);
    // The cloud's group goes with its last node; while another node is in it, rmdir fails, as it should.
    await this.dirs.rmdir(this.cloudDir()).catch(() => undefined);
  }

  async freeze(nodeId: string): Promise<void> {
    const dir = this.dir(nodeId);
    await writeFile(`${dir}/cgroup.freeze`, '1');
    // The write only asks; tasks still run until cgroup.events reads "frozen 1".
    await pollUntil(
      async () => parseKeyValues(await readFile(`${dir}/cgroup.events`, 'utf8')).get('frozen') === 1,
      FREEZE_TIMEOUT_MS,
      () => `node ${nodeId}: ${dir}/cgroup.events still not "frozen 1" after ${FREEZE_TIMEOUT_MS} ms`,
    );
  }

  async thaw(nodeId: string): Promise<void> {
    try {
      await writeFile(`${this.dir(nodeId)}/cgroup.freeze`, '0');
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
  }

  async isFrozen(nodeId: string): Promise<boolean> {
    return (await readOptional(`${this.dir(nodeId)}/cgroup.freeze`))?.trim() === '1';
  }

  async nodeLimits(nodeId: string): Promise<NodeLimits> {
    return (await exists(this.dir(nodeId))) ? LIMITS_ENFORCED : OUTSIDE_CGROUP;
  }

  async sample(nodeId: string, pid: number): Promise<CgroupSample & { source: 'cgroup' | 'proc' }> {
    try {
      return { ...(await readCgroupV2Sample(this.dir(nodeId))), source: 'cgroup' };
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
      return { ...(await readProcSample(pid)), source: 'proc' };
    }
  }

  async oomKills(nodeId: string): Promise<number> {
    try {
      return await readV2OomKills(this.dir(nodeId));
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return 0;
      throw error;
    }
  }

  async pids(nodeId: string): Promise<number[]> {
    const procs = await readOptional(`${this.dir(nodeId)}/cgroup.procs`);
    return (procs ?? '').split('\n').filter(Boolean).map(Number);
  }

  private cloudDir(): string {
    return `${this.nodesDir}/${this.cloud}`;
  }

  private dir(nodeId: string): string {
    return `${this.cloudDir()}/${nodeId}`;
  }

  /** The cloud's group hands cpu and memory down to its nodes; the node's group then has cpu.max and memory.max. */
  private async makeGroup(dir: string): Promise<void> {
    // Another node's release() may remove the cloud's group between our steps: try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dirs.mkdir(this.cloudDir());
        await writeExisting(`${this.cloudDir()}/cgroup.subtree_control`, ENABLE_NODE_CONTROLLERS);
        await this.dirs.mkdir(dir);
        return;
      } catch (error) {
        if (attempt === 3 || (await exists(this.cloudDir()))) throw error;
      }
    }
  }
}
