import type { NodeLimits } from '@strato/contracts';
import type { CgroupSample } from '../cgroup/cgroup-files';
import { limitsNotEnforced } from '../node-limits';
import { readProcSample } from './proc-sample';
import { signalGroup } from './terminate';

export interface ProcessLimitsSpec {
  nodeId: string;
  cpus: number;
  memoryMiB: number;
}

/** How a process node is capped, paused and measured: cgroups where the host allows, else signals and /proc. */
export interface ProcessLimits {
  /** Whether nodes started from now on get their caps, and if not, why. */
  readonly limits: NodeLimits;
  /** The argv that runs `argv` inside the node's caps; it must exec so the pid stays the job server's. */
  wrap(spec: ProcessLimitsSpec, argv: readonly string[]): Promise<string[]>;
  /**
   * The argv that runs `argv` inside the groups of a node that runs (a batch job beside its job server),
   * creating and resetting nothing; `argv` as it is where the node runs in no group.
   */
  joinArgv(nodeId: string, argv: readonly string[]): Promise<string[]>;
  /** Changes the CPU cap of a node that runs (wrap() set the first one). */
  setCpus(nodeId: string, cpus: number): Promise<void>;
  /** Frees whatever wrap() set up, once the node's processes are gone. */
  release(nodeId: string): Promise<void>;
  /** `pid` leads the node's process group. */
  freeze(nodeId: string, pid: number): Promise<void>;
  thaw(nodeId: string, pid: number): Promise<void>;
  /** True only where pausing does not show in /proc/<pid>/stat (the freezer); SIGSTOP shows as state T. */
  isFrozen(nodeId: string): Promise<boolean>;
  /** The caps of a node that runs: not enforced if it runs outside its group (started by an uncapped agent). */
  nodeLimits(nodeId: string): Promise<NodeLimits>;
  sample(nodeId: string, pid: number): Promise<CgroupSample & { source: 'cgroup' | 'proc' }>;
  /** OOM kills seen since the node last started; 0 where unknown. */
  oomKills(nodeId: string): Promise<number>;
  /** The pids in the node's cgroup: finds a node whose pid never reached its state file. */
  pids(nodeId: string): Promise<number[]>;
}

export const OUTSIDE_CGROUP = limitsNotEnforced(
  'the node runs outside a cgroup (started while this host could not cap it): restart it to cap it',
);

/** No caps: used where cgroups cannot be created (not root, read-only /sys/fs/cgroup, not delegated). */
export class NoProcessLimits implements ProcessLimits {
  readonly limits: NodeLimits;

  /** `reason`: why this host cannot cap nodes, as the agent's API, the CLI and the dashboard show it. */
  constructor(reason: string) {
    this.limits = limitsNotEnforced(reason);
  }

  async wrap(_spec: ProcessLimitsSpec, argv: readonly string[]): Promise<string[]> {
    return [...argv];
  }

  async joinArgv(_nodeId: string, argv: readonly string[]): Promise<string[]> {
    return [...argv];
  }

  async setCpus(): Promise<void> {
    return;
  }

  async release(): Promise<void> {
    return;
  }

  async freeze(_nodeId: string, pid: number): Promise<void> {
    signalGroup(pid, 'SIGSTOP');
  }

  async thaw(_nodeId: string, pid: number): Promise<void> {
    signalGroup(pid, 'SIGCONT');
  }

  async isFrozen(): Promise<boolean> {
    return false;
  }

  async nodeLimits(): Promise<NodeLimits> {
    return this.limits;
  }

  async sample(_nodeId: string, pid: number): Promise<CgroupSample & { source: 'proc' }> {
    return { ...(await readProcSample(pid)), source: 'proc' };
  }

  async oomKills(): Promise<number> {
    return 0;
  }

  async pids(): Promise<number[]> {
    return [];
  }
}
