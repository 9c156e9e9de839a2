import { Injectable } from '@nestjs/common';
import { resolvePodAlias } from '@strato/contracts';
import { type Placed, Placement } from '../../agents/placement/placement';
import { AgentRegistry, type KnownAgent } from '../../agents/registry/agent-registry';
import { NodeNotFoundError, NodeNotInPodError, NoNewNodeError } from '../../errors/domain-errors';
import { type NodeRecord, NodesRepository } from '../../store/nodes.repository';
import { type PodRecord, PodsRepository } from '../../store/pods.repository';
import type { NodeExitReport } from '@strato/contracts';
import { KeyedLock } from '@strato/sync';
import { NodeExitHandler } from './node-exit-handler';
import { NodeStateConflictError } from './node-lifecycle.errors';
import { NodeLauncher } from './node-launcher';
import { NodeRemover } from './node-remover';
import { NodeStateMachine } from './node-state-machine';

/**
 * The one owner of node state. Operations on one node never interleave (a lock per node); a removal
 * cancels a launch in flight instead of waiting for its health timeout; every status change is a
 * compare-and-set through the NodeStateMachine.
 */
@Injectable()
export class NodeLifecycle {
  private readonly locks = new KeyedLock();
  private readonly launches = new Map<string, AbortController>();

  constructor(
    private readonly agents: AgentRegistry,
    private readonly placement: Placement,
    private readonly pods: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly machine: NodeStateMachine,
    private readonly launcher: NodeLauncher,
    private readonly remover: NodeRemover,
    private readonly exits: NodeExitHandler,
  ) {}

  /** `cloud launch POD`: the pod's first NEW node goes ONLINE. */
  launchNext(podNameOrAlias: string): Promise<NodeRecord> {
    const pod = this.pods.require(podNameOrAlias);
    const placed = this.placement.place(pod); // before the claim: with no room, nothing is claimed
    const node = this.nodes.claimFirstNew(pod.name);
    if (!node) throw new NoNewNodeError(pod.name);
    return this.launchClaimed(node, pod, placed);
  }

  /**
   * Launches a node its caller just claimed (NEW -> STARTING) where it was placed, under the node's lock;
   * `standby`: a warm node. The host is recorded at once, so the next placement counts the node there.
   */
  launchClaimed(node: NodeRecord, pod: PodRecord, placed: Placed, standby = false): Promise<NodeRecord> {
    const assigned = this.machine.move(node, 'STARTING', { agent: placed.agent.record.id });
    const controller = new AbortController();
    this.launches.set(node.name, controller);
    return this.locks
      .run(node.name, () => this.launcher.run(assigned, pod, placed, controller.signal, standby))
      .finally(() => {
        if (this.launches.get(node.name) === controller) this.launches.delete(node.name);
      });
  }

  /**
   * Starts the node again as a new incarnation, on `agent` (its own, when it came back without it) or
   * where placement puts it now. For nodes that should run but do not: a launch a crash interrupted, a serving node whose
   * agent restarted empty. Compare-and-set like every transition: if the node is no longer as the caller
   * read it (its launch finished meanwhile, say), nothing happens and NodeStateConflictError says so.
   */
  relaunch(node: NodeRecord, pod: PodRecord, agent?: KnownAgent): Promise<NodeRecord> {
    const placed = agent
      ? { agent, reason: `back on its own host ${agent.record.id}` }
      : this.placement.place(pod);
    const controller = new AbortController();
    this.launches.set(node.name, controller);
    return this.locks
      .run(node.name, async () => {
        const current = this.nodes.find(node.name);
        if (!current) throw new NodeNotFoundError(node.name);
        if (current.status !== node.status || current.incarnation !== node.incarnation) {
          throw new NodeStateConflictError(node.name, current.status, 'STARTING');
        }
        const previous = current.agent ? this.agents.get(current.agent) : undefined;
        await previous?.client.removeNode(current.name, current.incarnation).catch(() => undefined);
        const starting = this.machine.beginLaunch(current);
        return this.launcher.run(starting, pod, placed, controller.signal);
      })
      .finally(() => {
        if (this.launches.get(node.name) === controller) this.launches.delete(node.name);
      });
  }

  /** A warm node (STANDBY, as the caller read it) joins the load balancer; NodeStateConflictError if it changed. */
  promote(node: NodeRecord, pod: PodRecord): Promise<NodeRecord> {
    return this.locks.run(node.name, async () => {
      const current = this.nodes.find(node.name);
      if (!current) throw new NodeNotFoundError(node.name);
      if (current.status !== 'STANDBY' || current.incarnation !== node.incarnation) {
        throw new NodeStateConflictError(node.name, current.status, 'ONLINE');
      }
      return this.launcher.promote(current, pod);
    });
  }

  /** `cloud rm NODE [POD]`: cancels a launch in flight, then drains and removes the node. */
  remove(name: string, podNameOrAlias?: string, why = 'removed by the owner'): Promise<NodeRecord> {
    const node = this.nodes.find(name);
    if (!node) throw new NodeNotFoundError(name);
    if (podNameOrAlias !== undefined && resolvePodAlias(podNameOrAlias) !== node.pod) {
      throw new NodeNotInPodError(name, podNameOrAlias, node.pod);
    }
    this.launches.get(name)?.abort();
    return this.locks.run(name, async () => {
      const current = this.nodes.find(name);
      if (!current) throw new NodeNotFoundError(name);
      return this.remover.run(current, why);
    });
  }

  /** An agent reported that a node exited. */
  handleExit(agentId: string, exit: NodeExitReport): Promise<void> {
    return this.locks.run(exit.nodeId, () => this.exits.handle(agentId, exit));
  }

  /**
   * Runs a repair on the node as it is now, unless another operation holds it (the reconciler comes back
   * on its next pass: level-triggered, nothing is lost by skipping).
   */
  async repairIfIdle<T>(name: string, repair: (node: NodeRecord) => Promise<T>): Promise<T | undefined> {
    return this.exclusiveIfIdle(name, async () => {
      const node = this.nodes.find(name);
      return node ? repair(node) : undefined;
    });
  }

  /** Runs section under the node's lock unless something holds it already; the node may have no record. */
  async exclusiveIfIdle<T>(name: string, section: () => Promise<T>): Promise<T | undefined> {
    if (this.locks.isHeld(name)) return undefined;
    return this.locks.run(name, section);
  }

  /** Whether an operation on the node is running or waiting. */
  isBusy(name: string): boolean {
    return this.locks.isHeld(name);
  }
}
