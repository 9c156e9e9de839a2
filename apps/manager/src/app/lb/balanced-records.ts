import { nodeConcurrencyLimit, queuePerNode } from '@strato/contracts';
import type { NodeRecord } from '../store/nodes.repository';
import type { PodRecord } from '../store/pods.repository';
import type { BalancedPod, BalancedServer } from './load-balancer';

/** A pod as the load balancer is told about it. */
export function balancedPodOf(pod: PodRecord): BalancedPod {
  return {
    name: pod.name,
    algorithm: pod.algorithm,
    paused: pod.state === 'paused',
    job: { ...pod.job },
    queuePerNode: queuePerNode(pod.job, pod.cpus),
  };
}

/** A node with an address, as a server of its pod (its concurrency from the pod's CPU cap and job). */
export function balancedServerOf(
  node: Pick<NodeRecord, 'name' | 'weight'> & { host: string; port: number },
  pod: Pick<PodRecord, 'cpus' | 'job'>,
): BalancedServer {
  return {
    nodeId: node.name,
    host: node.host,
    port: node.port,
    weight: node.weight,
    maxConnections: nodeConcurrencyLimit(pod.job, pod.cpus),
  };
}
