import { Inject, Injectable } from '@nestjs/common';
import { AgentRegistry } from '../../agents/registry/agent-registry';
import { EventBus } from '../../events/event-bus';
import { LOAD_BALANCER, type LoadBalancer } from '../../lb/load-balancer';
import type { NodeRecord } from '../../store/nodes.repository';
import { NodeStateMachine } from './node-state-machine';

const SERVING = new Set(['ONLINE', 'PAUSED', 'UNKNOWN']);

/**
 * Takes a node out for good (the caller holds its lock): a serving node becomes DRAINING first, then it
 * leaves the load balancer through drain (no request lost), its runtime node goes, and so does its record.
 * Every step is idempotent, so a remove interrupted by a crash is finished by the reconciler.
 */
@Injectable()
export class NodeRemover {
  constructor(
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly agents: AgentRegistry,
    private readonly machine: NodeStateMachine,
    private readonly events: EventBus,
  ) {}

  async run(node: NodeRecord, why: string): Promise<NodeRecord> {
    const removed = node;
    if (SERVING.has(node.status)) {
      node = this.machine.move(node, 'DRAINING');
      this.events.publish({
        type: 'NodeDraining',
        pod: node.pod,
        node: node.name,
        message: `draining ${node.name} before removing it (${why})`,
      });
    }
    await this.lb.removeServer(node.pod, node.name);
    const agent = node.agent ? this.agents.get(node.agent) : undefined;
    // A silent agent cannot be asked; what it still runs is an orphan to the sweeper once it is back.
    const silent = agent !== undefined && !this.agents.isReachable(agent.record);
    if (agent && !silent) await agent.client.removeNode(node.name, node.incarnation);
    this.machine.delete(node);
    this.events.publish({
      type: 'NodeRemoved',
      pod: node.pod,
      node: node.name,
      message: `node ${node.name} removed from pod ${node.pod} (${why})${silent ? `; agent ${agent.record.id} is unreachable, so its runtime node goes when it is back` : ''}`,
    });
    return removed;
  }
}
