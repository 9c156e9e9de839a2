import type { RuntimeNodeState } from '@strato/contracts';
import { NodeNotFoundError } from '../errors/node-not-found.error';
import { NodeNotRunningError } from '../errors/node-not-running.error';
import { assertValidId } from '../validate-node-spec';
import type { NodeStateStore, ProcessNodeState } from './node-state-store';
import type { WatchedProcess } from './process-exit-watcher';
import type { ProcessLimits } from './process-limits';
import { probeProcess, type ProcessStatus } from './process-probe';

/** Finds one cloud's process nodes in the state store and judges what their processes are doing. */
export class ProcessNodeLocator {
  constructor(
    private readonly cloud: string,
    private readonly store: NodeStateStore,
    private readonly limits: Promise<ProcessLimits>,
    /** Arguments only this node's job server carries: a recycled pid never passes for the node. */
    private readonly markers: (nodeId: string) => string[],
  ) {}

  async find(nodeId: string): Promise<ProcessNodeState | undefined> {
    assertValidId('node', nodeId);
    const state = await this.store.read(nodeId);
    return state?.cloud === this.cloud ? state : undefined;
  }

  async require(nodeId: string): Promise<ProcessNodeState> {
    const state = await this.find(nodeId);
    if (state === undefined) throw new NodeNotFoundError(nodeId);
    return state;
  }

  /** The node and its pid, if it is running or paused; NodeNotRunningError otherwise. */
  async requireLive(nodeId: string, operation: string): Promise<{ state: ProcessNodeState; pid: number }> {
    const state = await this.require(nodeId);
    const current = await this.stateOf(state);
    if (state.pid === undefined || (current !== 'running' && current !== 'paused')) {
      throw new NodeNotRunningError(nodeId, operation);
    }
    return { state, pid: state.pid };
  }

  async all(): Promise<ProcessNodeState[]> {
    return (await this.store.all()).filter((state) => state.cloud === this.cloud);
  }

  async watchable(): Promise<WatchedProcess[]> {
    return (await this.all()).flatMap(({ nodeId, incarnation, pod, pid }) =>
      pid === undefined ? [] : [{ nodeId, incarnation: incarnation ?? null, pod, pid }],
    );
  }

  probe(nodeId: string, pid: number): Promise<ProcessStatus> {
    return probeProcess(pid, this.markers(nodeId));
  }

  /** May update state.pid: a node whose pid never reached its state file is adopted from its cgroup. */
  async stateOf(state: ProcessNodeState): Promise<RuntimeNodeState> {
    let status = state.pid === undefined ? 'gone' : await this.probe(state.nodeId, state.pid);
    if (status === 'gone') status = await this.adopt(state);
    if (status === 'gone') return state.pid === undefined ? 'created' : 'exited';
    // Frozen tasks sleep in the freezer (state D in /proc), so only the freezer knows they are paused.
    if (status === 'running' && (await (await this.limits).isFrozen(state.nodeId))) return 'paused';
    return status;
  }

  /** An agent that died between spawn and recording the pid left the node running in its cgroup: adopt it. */
  private async adopt(state: ProcessNodeState): Promise<ProcessStatus> {
    for (const pid of await (await this.limits).pids(state.nodeId)) {
      if (pid === state.pid) continue;
      const status = await this.probe(state.nodeId, pid);
      if (status === 'gone') continue;
      state.pid = pid;
      await this.store.write(state);
      return status;
    }
    return 'gone';
  }
}
