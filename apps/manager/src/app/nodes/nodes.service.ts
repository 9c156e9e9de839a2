import { Injectable } from '@nestjs/common';
import { AgentRegistry } from '../agents/registry/agent-registry';
import {
  NodeNameTakenError,
  NodeNotFoundError,
  NodeNotLaunchedError,
  PodFullError,
} from '../errors/domain-errors';
import { EventBus } from '../events/event-bus';
import { type NodeRecord, NodesRepository } from '../store/nodes.repository';
import { PodsRepository } from '../store/pods.repository';

@Injectable()
export class NodesService {
  constructor(
    private readonly nodes: NodesRepository,
    private readonly pods: PodsRepository,
    private readonly events: EventBus,
    private readonly agents: AgentRegistry,
  ) {}

  /** `cloud register NODE POD`: a NEW node, not serving yet. */
  register(name: string, podNameOrAlias: string): NodeRecord {
    const pod = this.pods.require(podNameOrAlias);
    const outcome = this.nodes.insertNew(name, pod.name, pod.maxNodes);
    if (outcome === 'name-taken') throw new NodeNameTakenError(name, this.require(name).pod);
    if (outcome === 'pod-full') throw new PodFullError(pod.name, pod.maxNodes);
    this.events.publish({
      type: 'NodeRegistered',
      pod: pod.name,
      node: name,
      message: `node ${name} registered in pod ${pod.name}`,
    });
    return this.require(name);
  }

  list(podNameOrAlias?: string): NodeRecord[] {
    if (podNameOrAlias === undefined) return this.nodes.list();
    return this.nodes.listByPod(this.pods.require(podNameOrAlias).name);
  }

  async logs(name: string, tail: number): Promise<string> {
    const node = this.require(name);
    if (!node.agent) throw new NodeNotLaunchedError(name);
    return this.agents.require(node.agent).client.nodeLogs(name, tail);
  }

  require(name: string): NodeRecord {
    const node = this.nodes.find(name);
    if (!node) throw new NodeNotFoundError(name);
    return node;
  }
}
