import { Inject, Injectable } from '@nestjs/common';
import type { BalanceAlgorithm } from '@strato/contracts';
import { EventBus } from '../events/event-bus';
import { LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import type { NodeDto } from '../nodes/node.dto';
import { NodesService } from '../nodes/nodes.service';
import type { PodDto } from '../pods/pod.dto';
import { PodsService } from '../pods/pods.service';
import { NodesRepository } from '../store/nodes.repository';
import { PodsRepository } from '../store/pods.repository';
import type { LoadBalancerDto } from './balancing.dto';
import { balancedPodOf } from '../lb/balanced-records';

/** The look-back of the latency percentiles in the status. */
const LATENCY_WINDOW_MS = 10_000;

const IN_BALANCER = new Set(['ONLINE', 'PAUSED', 'DRAINING']);

/** `cloud lb …`: what the load balancer sees per pod and node, its algorithm per pod, node weights. */
@Injectable()
export class BalancingService {
  constructor(
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly pods: PodsService,
    private readonly podsRepository: PodsRepository,
    private readonly nodes: NodesService,
    private readonly nodesRepository: NodesRepository,
    private readonly events: EventBus,
  ) {}

  async status(): Promise<LoadBalancerDto> {
    const pods = await this.lb.podStatus();
    return {
      kind: this.lb.kind,
      url: this.lb.url,
      pods: pods.map(({ name, servers, ...pod }) => ({
        pod: name,
        ...pod,
        latency: this.lb.responseTimes(name, LATENCY_WINDOW_MS),
        // The pod is already the row's parent; each server row names its node.
        servers: servers.map(({ nodeId, pod: _parent, ...server }) => ({ node: nodeId, ...server })),
      })),
    };
  }

  /** Structural: HAProxy re-renders its config and reloads hitlessly; membership is kept. */
  async setAlgorithm(podNameOrAlias: string, algorithm: BalanceAlgorithm): Promise<PodDto> {
    const pod = this.podsRepository.require(podNameOrAlias);
    await this.lb.upsertPod({ ...balancedPodOf(pod), algorithm });
    this.podsRepository.setAlgorithm(pod.name, algorithm);
    this.events.publish({
      type: 'AlgorithmChanged',
      pod: pod.name,
      message: `pod ${pod.name}: ${pod.algorithm} -> ${algorithm}`,
    });
    return this.pods.get(pod.name);
  }

  /** Applied at once to a node in the load balancer; kept for a node that joins later. */
  async setWeight(name: string, weight: number): Promise<NodeDto> {
    const node = this.nodes.require(name);
    if (IN_BALANCER.has(node.status)) await this.lb.setWeight(node.pod, name, weight);
    this.nodesRepository.setWeight(name, weight);
    this.events.publish({
      type: 'WeightChanged',
      pod: node.pod,
      node: name,
      message: `node ${name}: weight ${node.weight} -> ${weight}`,
    });
    return this.nodes.require(name);
  }
}
