import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { type Placed, Placement } from '../agents/placement/placement';
import { EventBus } from '../events/event-bus';
import { BusyNodes } from '../jobs/busy-nodes';
import { NodeLifecycle } from '../nodes/lifecycle/node-lifecycle';
import { PodConditions } from '../pods/pod-conditions';
import { type NodeRecord, NodesRepository } from '../store/nodes.repository';
import type { PodRecord } from '../store/pods.repository';
import { LaunchBackoff } from './launch-backoff';

/**
 * Scale-in takes nodes that serve nothing first (NEW, or UNKNOWN on a silent host), then the youngest (the
 * least warmed-up, HPA-like).
 */
export function scaleInOrder(nodes: NodeRecord[]): NodeRecord[] {
  const idle = new Set(['NEW', 'UNKNOWN']);
  const rank = (node: NodeRecord) => (idle.has(node.status) ? 0 : node.status === 'STARTING' ? 1 : 2);
  return [...nodes].sort(
    (a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name),
  );
}

const LAUNCH_FAILING = 'LaunchFailing';

/**
 * Carries out elasticity decisions through the node lifecycle, like the owner's commands. Launches that
 * fail back off exponentially per pod, with a LaunchFailing condition that says why and when the next
 * try is; the condition (and its event) changes when the situation does, not on every retry. A scale-out
 * promotes the pod's warm nodes (STANDBY) first and launches the rest; the warm pool is refilled between
 * decisions. Warm nodes still booting are known here only (after a crash such a launch finishes as an
 * ordinary node, which the policy then scales in if it is one too many).
 */
@Injectable()
export class PodScaler {
  private readonly logger = new Logger(PodScaler.name);
  private readonly backoff = new LaunchBackoff();
  private readonly warming = new Map<string, string>(); // node -> pod, while it boots as a warm node

  constructor(
    private readonly nodes: NodesRepository,
    private readonly placement: Placement,
    private readonly lifecycle: NodeLifecycle,
    private readonly conditions: PodConditions,
    private readonly events: EventBus,
    private readonly busyNodes: BusyNodes,
  ) {}

  /** Milliseconds before this pod may launch again (0: it may). */
  launchWaitMs(pod: string, now: number): number {
    return this.backoff.waitMs(pod, now);
  }

  /** A node booting to become a warm node: not one of the pod's nodes for the policy. */
  isWarming(node: string): boolean {
    return this.warming.has(node);
  }

  /**
   * Adds `count` nodes: warm ones promoted first (in the load balancer in milliseconds), the rest launched,
   * never past `limit` nodes in the pod (the policy's and the pod's maximum; warm nodes count towards it).
   */
  async scaleOut(
    pod: PodRecord,
    count: number,
    limit: number,
    now: number,
    warm: NodeRecord[] = [],
  ): Promise<void> {
    const promoted = await this.promote(pod, warm.slice(0, count));
    if (count > promoted) await this.launch(pod, count - promoted, limit, now, false);
  }

  /**
   * Keeps `wanted` warm nodes beside the pod's nodes: launches what is missing (in the background, within
   * `limit`), removes what is too many. `warm`: the pod's STANDBY nodes now.
   */
  keepWarm(pod: PodRecord, wanted: number, warm: NodeRecord[], limit: number, now: number): void {
    const booting = [...this.warming.values()].filter((of) => of === pod.name).length;
    const missing = wanted - warm.length - booting;
    if (missing > 0 && this.launchWaitMs(pod.name, now) === 0) {
      void this.launch(pod, missing, limit, now, true);
    }
    for (const extra of warm.slice(Math.max(0, wanted))) {
      void this.settle([this.lifecycle.remove(extra.name, undefined, 'fewer warm nodes wanted')]);
    }
  }

  private async promote(pod: PodRecord, warm: NodeRecord[]): Promise<number> {
    const results = await Promise.allSettled(warm.map((node) => this.lifecycle.promote(node, pod)));
    for (const result of results) {
      if (result.status === 'rejected') {
        this.logger.warn(
          `pod ${pod.name}: a warm node could not be promoted: ${(result.reason as Error).message}`,
        );
      }
    }
    return results.filter((result) => result.status === 'fulfilled').length;
  }

  private async launch(
    pod: PodRecord,
    count: number,
    limit: number,
    now: number,
    warm: boolean,
  ): Promise<void> {
    const launches: Promise<NodeRecord>[] = [];
    let unplaced: string | undefined;
    for (let i = 0; i < count; i++) {
      let placed: Placed;
      try {
        placed = this.placement.place(pod);
      } catch (error) {
        unplaced = (error as Error).message;
        break;
      }
      const name = `${pod.name}-${randomBytes(3).toString('hex')}`;
      if (this.nodes.insertNew(name, pod.name, Math.min(limit, pod.maxNodes)) !== 'created') break;
      this.events.publish({
        type: 'NodeRegistered',
        pod: pod.name,
        node: name,
        message: `elasticity registered ${name}${warm ? ' as a warm node' : ''}`,
      });
      const node = this.nodes.claimFirstNew(pod.name);
      if (!node) break;
      if (warm) this.warming.set(node.name, pod.name);
      const launch = this.lifecycle.launchClaimed(node, pod, placed, warm);
      launches.push(warm ? launch.finally(() => this.warming.delete(node.name)) : launch);
    }
    const results = await Promise.allSettled(launches);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) return this.launchFailed(pod.name, (failure.reason as Error).message, now);
    if (unplaced) return this.launchFailed(pod.name, unplaced, now);
    if (results.length > 0) this.launchSucceeded(pod.name);
  }

  async scaleIn(pod: PodRecord, count: number, candidates: NodeRecord[]): Promise<void> {
    // A node running a batch job is not scaled in: its job finishes first (the next ticks come back).
    const idle = candidates.filter((node) => !this.busyNodes.isRunningJob(node.name));
    const victims = scaleInOrder(idle).slice(0, count);
    await this.settle(
      victims.map((node) => this.lifecycle.remove(node.name, undefined, 'elasticity scale-in')),
    );
  }

  /** FAILED nodes are replaced: their records go (the decision then scales back out to the desired count). */
  async clearFailed(failed: NodeRecord[]): Promise<void> {
    await this.settle(
      failed.map((node) =>
        this.lifecycle.remove(node.name, undefined, `replacing a FAILED node: ${node.reason}`),
      ),
    );
  }

  /**
   * Nodes whose host went silent (UNKNOWN, out of the load balancer) are replaced on hosts that answer:
   * their records go (what the host still runs is removed by the reconciler when it is back), the same
   * number are launched where placement finds room (see canReplace).
   */
  async replaceLost(pod: PodRecord, lost: NodeRecord[], limit: number, now: number): Promise<void> {
    await this.settle(
      lost.map((node) =>
        this.lifecycle.remove(
          node.name,
          undefined,
          `its agent ${node.agent} is unreachable: replaced by a node on another host`,
        ),
      ),
    );
    await this.launch(pod, lost.length, limit, now, false);
  }

  /** Whether another host has room for a lost node now; while none has, the nodes may come back with theirs. */
  canReplace(pod: PodRecord, lost: NodeRecord[]): boolean {
    try {
      this.placement.place(pod, lost);
      return true;
    } catch {
      return false;
    }
  }

  forget(pod: string): void {
    this.backoff.forget(pod);
  }

  private launchFailed(pod: string, reason: string, now: number): void {
    const delay = this.backoff.failed(pod, reason, now);
    this.logger.warn(`pod ${pod}: launch failed (${reason}); next try in ${Math.round(delay / 1000)} s`);
    this.conditions.set(pod, {
      type: LAUNCH_FAILING,
      status: true,
      reason: 'LaunchFailing',
      message: `${reason}; next try in ${Math.round(delay / 1000)} s`,
    });
  }

  private launchSucceeded(pod: string): void {
    this.backoff.succeeded(pod);
    if (this.conditions.list(pod).some((c) => c.type === LAUNCH_FAILING && c.status)) {
      this.conditions.set(pod, {
        type: LAUNCH_FAILING,
        status: false,
        reason: 'LaunchSucceeded',
        message: 'nodes launch again',
      });
    }
  }

  private async settle(work: Promise<unknown>[]): Promise<void> {
    for (const result of await Promise.allSettled(work)) {
      if (result.status === 'rejected') this.logger.warn((result.reason as Error).message);
    }
  }
}
