import { Inject, Injectable } from '@nestjs/common';
import { resolvePodAlias } from '@strato/contracts';
import { AgentRegistry } from '../agents/agent-registry';
import { NodeNotFoundError, NodeNotInPodError } from '../errors/domain-errors';
import { EventsRepository } from '../events/events.repository';
import { LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { type NodeRecord, NodesRepository } from '../nodes/nodes.repository';

const IN_ROTATION = new Set(['ONLINE', 'PAUSED', 'DRAINING']);

/** `cloud rm NODE [POD]`: out of the load balancer through drain (no request lost), then off its host. */
@Injectable()
export class NodeRemover {
  constructor(
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly agents: AgentRegistry,
    private readonly nodes: NodesRepository,
    private readonly events: EventsRepository,
  ) {}

  async remove(name: string, podNameOrAlias?: string): Promise<NodeRecord> {
    const node = this.nodes.find(name);
    if (!node) throw new NodeNotFoundError(name);
    if (podNameOrAlias !== undefined && resolvePodAlias(podNameOrAlias) !== node.pod) {
      throw new NodeNotInPodError(name, podNameOrAlias, node.pod);
    }
    if (IN_ROTATION.has(node.status)) {
      this.nodes.update(name, { status: 'DRAINING' });
      this.events.append({
        type: 'NodeDraining',
        pod: node.pod,
        node: name,
        message: `draining ${name} before removing it`,
      });
      await this.lb.removeServer(node.pod, name);
    }
    if (node.agent) await this.agents.require(node.agent).client.removeNode(name);
    this.nodes.delete(name);
    this.events.append({
      type: 'NodeRemoved',
      pod: node.pod,
      node: name,
      message: `node ${name} removed from pod ${node.pod}`,
    });
    return { ...node, status: node.status };
  }
}
