import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgentRegistry, type KnownAgent } from '../agents/agent-registry';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { DomainError } from '../errors/domain-error';
import { NoNewNodeError, NodeStartFailedError } from '../errors/domain-errors';
import { EventsRepository } from '../events/events.repository';
import { LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { type NodeRecord, NodesRepository } from '../nodes/nodes.repository';
import type { PodRecord } from '../pods/pods.repository';
import { PodsService } from '../pods/pods.service';
import { waitForHealth } from './wait-for-health';

/**
 * Brings nodes online: agent creates and starts the node, the node's own /health answers, then (and only
 * then) the load balancer gets it and the node is ONLINE. Any failure leaves the node FAILED with the reason.
 */
@Injectable()
export class NodeLauncher {
  private readonly logger = new Logger(NodeLauncher.name);
  private readonly launching = new Set<string>();

  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    private readonly agents: AgentRegistry,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly pods: PodsService,
    private readonly nodes: NodesRepository,
    private readonly events: EventsRepository,
  ) {}

  /** `cloud launch POD`: the pod's first NEW node goes ONLINE. */
  async launchNext(podNameOrAlias: string): Promise<NodeRecord> {
    const pod = this.pods.require(podNameOrAlias);
    const agent = this.agents.pick();
    const node = this.nodes.claimFirstNew(pod.name);
    if (!node) throw new NoNewNodeError(pod.name);
    return this.bringOnline(node, pod, agent);
  }

  isLaunching(node: string): boolean {
    return this.launching.has(node);
  }

  async bringOnline(node: NodeRecord, pod: PodRecord, agent: KnownAgent): Promise<NodeRecord> {
    this.launching.add(node.name);
    const started = Date.now();
    try {
      this.nodes.update(node.name, { status: 'STARTING', reason: null });
      this.events.append({
        type: 'NodeStarting',
        pod: pod.name,
        node: node.name,
        message: `starting node ${node.name}`,
      });
      const created = await agent.client.createNode({
        nodeId: node.name,
        pod: pod.name,
        cpus: pod.cpus,
        memoryMiB: pod.memoryMiB,
      });
      this.nodes.update(node.name, {
        status: 'STARTING',
        agent: agent.record.id,
        host: created.host,
        port: created.port,
      });
      const health = await waitForHealth(
        `http://${created.host}:${created.port}/health`,
        node.name,
        this.config.healthTimeoutMs,
      );
      if (!health.healthy) {
        throw new NodeStartFailedError(
          node.name,
          `no healthy answer within ${this.config.healthTimeoutMs} ms (${health.lastError})`,
        );
      }
      await this.lb.addServer(pod.name, {
        nodeId: node.name,
        host: created.host,
        port: created.port,
        weight: node.weight,
      });
      // A paused pod's nodes join the backend but stay out of rotation (the pod's path answers 503).
      const paused = this.pods.require(pod.name).state === 'paused';
      const online = this.nodes.update(node.name, { status: paused ? 'PAUSED' : 'ONLINE', reason: null });
      this.events.append({
        type: 'NodeOnline',
        pod: pod.name,
        node: node.name,
        message: `node ${node.name} ${paused ? 'ready (pod paused)' : 'online'} at ${created.host}:${created.port} after ${Date.now() - started} ms`,
      });
      return online;
    } catch (error) {
      const reason = (error as Error).message;
      this.nodes.update(node.name, { status: 'FAILED', reason });
      this.events.append({ type: 'NodeFailed', pod: pod.name, node: node.name, message: reason });
      await agent.client
        .removeNode(node.name)
        .catch((cleanup: Error) => this.logger.warn(`cleanup of ${node.name}: ${cleanup.message}`));
      throw error instanceof DomainError ? error : new NodeStartFailedError(node.name, reason);
    } finally {
      this.launching.delete(node.name);
    }
  }
}
