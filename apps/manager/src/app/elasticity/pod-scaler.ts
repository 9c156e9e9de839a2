import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AgentRegistry } from '../agents/agent-registry';
import { EventsRepository } from '../events/events.repository';
import { type NodeRecord, NodesRepository } from '../nodes/nodes.repository';
import type { PodRecord } from '../pods/pods.repository';
import { NodeLauncher } from '../reconciler/node-launcher';
import { NodeRemover } from '../reconciler/node-remover';

/** Scale-in takes nodes that serve nothing first, then the youngest (the least warmed-up, HPA-like). */
export function scaleInOrder(nodes: NodeRecord[]): NodeRecord[] {
  const rank = (node: NodeRecord) => (node.status === 'NEW' ? 0 : node.status === 'STARTING' ? 1 : 2);
  return [...nodes].sort(
    (a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name),
  );
}

/** Carries out elasticity decisions through the same launch and drain paths as the owner's commands. */
@Injectable()
export class PodScaler {
  private readonly logger = new Logger(PodScaler.name);

  constructor(
    private readonly nodes: NodesRepository,
    private readonly agents: AgentRegistry,
    private readonly launcher: NodeLauncher,
    private readonly remover: NodeRemover,
    private readonly events: EventsRepository,
  ) {}

  async scaleOut(pod: PodRecord, count: number): Promise<void> {
    const launches: Promise<unknown>[] = [];
    for (let i = 0; i < count; i++) {
      const name = `${pod.name}-${randomBytes(3).toString('hex')}`;
      if (this.nodes.insertNew(name, pod.name, pod.maxNodes) !== 'created') break;
      this.events.append({
        type: 'NodeRegistered',
        pod: pod.name,
        node: name,
        message: `elasticity registered ${name}`,
      });
      const node = this.nodes.claimFirstNew(pod.name);
      if (!node) break;
      launches.push(this.launcher.bringOnline(node, pod, this.agents.pick()));
    }
    await this.settle(launches);
  }

  async scaleIn(pod: PodRecord, count: number, candidates: NodeRecord[]): Promise<void> {
    const victims = scaleInOrder(candidates).slice(0, count);
    await this.settle(victims.map((node) => this.remover.remove(node.name)));
  }

  /** FAILED nodes are replaced: their records go (the decision then scales back out to the desired count). */
  async clearFailed(failed: NodeRecord[]): Promise<void> {
    await this.settle(failed.map((node) => this.remover.remove(node.name)));
  }

  private async settle(work: Promise<unknown>[]): Promise<void> {
    for (const result of await Promise.allSettled(work)) {
      if (result.status === 'rejected') this.logger.warn((result.reason as Error).message);
    }
  }
}
