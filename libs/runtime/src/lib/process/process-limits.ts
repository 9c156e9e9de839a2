export interface ProcessLimitsSpec {
  nodeId: string;
  cpus: number;
  memoryMiB: number;
}

/** How a process node is held to its CPU and memory caps (cgroups where the host allows it). */
export interface ProcessLimits {
  readonly enforced: boolean;
  /** The argv that runs `argv` inside the node's caps; it must exec so the pid stays the job server's. */
  wrap(spec: ProcessLimitsSpec, argv: readonly string[]): Promise<string[]>;
  /** Frees whatever wrap() set up, once the node's processes are gone. */
  release(nodeId: string): Promise<void>;
}

/** No caps: the walking-skeleton default until the cgroup implementation lands. */
export class NoProcessLimits implements ProcessLimits {
  readonly enforced = false;

  async wrap(_spec: ProcessLimitsSpec, argv: readonly string[]): Promise<string[]> {
    return [...argv];
  }

  async release(): Promise<void> {
    return;
  }
}
