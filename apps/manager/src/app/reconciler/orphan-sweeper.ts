import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AgentNodeView } from '@strato/contracts';
import { AgentRegistry } from '../agents/registry/agent-registry';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { EventBus } from '../events/event-bus';
import { LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { NodeLifecycle } from '../nodes/lifecycle/node-lifecycle';
import { NodesRepository } from '../store/nodes.repository';
import { PodsRepository } from '../store/pods.repository';
import type { RuntimeView } from './actual-state';
import { balancedServerOf } from '../lb/balanced-records';

/** Runtime nodes that no record places on their agent: removed, or adopted if so configured. */
@Injectable()
export class OrphanSweeper {
  private readonly logger = new Logger(OrphanSweeper.name);

  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly agents: AgentRegistry,
    private readonly pods: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly lifecycle: NodeLifecycle,
    private readonly events: EventBus,
  ) {}

  /** `placed`: where the records read at the start of the pass put each node (the fast first look). */
  async sweep(runtimes: RuntimeView, placed?: ReadonlyMap<string, string | null>): Promise<void> {
    for (const [agentId, reported] of runtimes) {
      const agent = this.agents.get(agentId);
      if (!agent) continue;
      for (const { nodeId } of reported) {
        if ((placed ? placed.get(nodeId) === agentId : false) || this.isPlaced(nodeId, agentId)) continue;
        // Decided again under the node's lock, on a fresh look: the view may predate a launch or removal.
        await this.lifecycle
          .exclusiveIfIdle(nodeId, async () => {
            if (this.isPlaced(nodeId, agentId)) return;
            const runtimeNode = (await agent.client.listNodes()).find((n) => n.nodeId === nodeId);
            if (!runtimeNode) return;
            if (!this.nodes.find(nodeId) && (await this.adopt(agentId, runtimeNode))) return;
            await agent.client.removeNode(nodeId);
            this.events.publish({
              type: 'OrphanRemoved',
              pod: runtimeNode.pod,
              message: `removed ${nodeId} from agent ${agentId}: it runs there but no node record places it there`,
            });
          })
          .catch((error: Error) => this.logger.warn(`orphan ${nodeId} on ${agentId}: ${error.message}`));
      }
    }
  }

  private isPlaced(nodeId: string, agentId: string): boolean {
    return this.nodes.find(nodeId)?.agent === agentId;
  }

  private async adopt(agentId: string, node: AgentNodeView): Promise<boolean> {
    const pod = this.pods.find(node.pod);
    if (this.config.orphanPolicy !== 'adopt' || !pod || node.state !== 'running') return false;
    const adopted = this.nodes.insertAdopted({
      name: node.nodeId,
      pod: pod.name,
      agent: agentId,
      host: node.host,
      port: node.port,
      incarnation: node.incarnation ?? 1,
    });
    if (!adopted) return false;
    await this.lb.addServer(
      pod.name,
      balancedServerOf({ name: node.nodeId, host: node.host, port: node.port, weight: 1 }, pod),
    );
    this.events.publish({
      type: 'OrphanAdopted',
      pod: pod.name,
      node: node.nodeId,
      message: `adopted ${node.nodeId}, found running on agent ${agentId} with no record, into pod ${pod.name}`,
    });
    return true;
  }
}
