import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AgentRegistry, type KnownAgent } from '../agents/registry/agent-registry';
import { EventBus } from '../events/event-bus';
import { NodeLifecycle } from '../nodes/lifecycle/node-lifecycle';
import { PodConditions } from '../pods/pod-conditions';
import { type NodeRecord, NodesRepository } from '../store/nodes.repository';
import type { PodRecord } from '../store/pods.repository';
import { LaunchBackoff } from './launch-backoff';

/** Scale-in takes nodes that serve nothing first, then the youngest (the least warmed-up, HPA-like). */
export function scaleInOrder(nodes: NodeRecord[]): NodeRecord[] {
  const rank = (node: NodeRecord) => (node.status === 'NEW' ? 0 : node.status === 'STARTING' ? 1 : 2);
  return [...nodes].sort(
    (a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name),
  );
}

const LAUNCH_FAILING = 'LaunchFailing';

/**
 * Carries out elasticity decisions through the node lifecycle, like the owner's commands. Launches that
 * fail back off exponentially per pod, with a LaunchFailing condition that says why and when the next
 * try is; the condition (and its event) changes when the situation does, not on every retry.
 */
@Injectable()
export class PodScaler {
  private readonly logger = new Logger(PodScaler.name);
  private readonly backoff = new LaunchBackoff();

  constructor(
    private readonly nodes: NodesRepository,
    private readonly agents: AgentRegistry,
    private readonly lifecycle: NodeLifecycle,
    private readonly conditions: PodConditions,
    private readonly events: EventBus,
  ) {}

  /** Milliseconds before this pod may launch again (0: it may). */
  launchWaitMs(pod: string, now: number): number {
    return this.backoff.waitMs(pod, now);
  }

  /** Adds up to `count` nodes, never past `limit` nodes in the pod (the policy's and the pod's maximum). */
  async scaleOut(pod: PodRecord, count: number, limit: number, now: number): Promise<void> {
    let agent: KnownAgent;
    try {
      agent = this.agents.pick();
    } catch (error) {
      return this.launchFailed(pod.name, (error as Error).message, now);
    }
    const launches: Promise<NodeRecord>[] = [];
    for (let i = 0; i < count; i++) {
      const name = `${pod.name}-${randomBytes(3).toString('hex')}`;
      if (this.nodes.insertNew(name, pod.name, Math.min(limit, pod.maxNodes)) !== 'created') break;
      this.events.publish({
        type: 'NodeRegistered',
        pod: pod.name,
        node: name,
        message: `elasticity registered ${name}`,
      });
      const node = this.nodes.claimFirstNew(pod.name);
      if (!node) break;
      launches.push(this.lifecycle.launchClaimed(node, pod, agent));
    }
    const results = await Promise.allSettled(launches);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) return this.launchFailed(pod.name, (failure.reason as Error).message, now);
    if (results.length > 0) this.launchSucceeded(pod.name);
  }

  async scaleIn(pod: PodRecord, count: number, candidates: NodeRecord[]): Promise<void> {
    const victims = scaleInOrder(candidates).slice(0, count);
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
