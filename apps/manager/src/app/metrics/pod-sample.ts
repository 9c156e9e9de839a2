import type { NodeMetricsSample, NodeStatsView, PodMetricsSample } from '@strato/contracts';
import type { PodStatus } from '../lb/load-balancer';
import type { ResponseTimeSummary } from '../lb/response-times';
import type { NodeRecord } from '../store/nodes.repository';

/** What one pod's sample is made of, each read from its source in the same tick. */
export interface PodSampleParts {
  at: string;
  pod: { name: string; cpus: number };
  /** The balancer's view of the pod; undefined while it is not in the balancer. */
  balancer: PodStatus | undefined;
  latency: ResponseTimeSummary | null;
  http5xxRate: number;
  /** The pod's nodes in the store. */
  nodes: NodeRecord[];
  /** The agents' samples, by node name. */
  usage: ReadonlyMap<string, NodeStatsView>;
  desiredNodes: number | null;
}

export function podSampleOf(parts: PodSampleParts): PodMetricsSample {
  const ready = parts.nodes.filter((n) => n.status === 'ONLINE');
  const percents = ready
    .map((n) => parts.usage.get(n.name)?.cpuPercent)
    .filter((p): p is number => typeof p === 'number');
  return {
    at: parts.at,
    pod: parts.pod.name,
    requestRate: parts.balancer?.requestRate ?? 0,
    latencyP50Ms: parts.latency?.p50Ms ?? null,
    latencyP99Ms: parts.latency?.p99Ms ?? null,
    queue: parts.balancer?.queue ?? 0,
    sessions: parts.balancer?.currentSessions ?? 0,
    http5xxRate: parts.http5xxRate,
    nodes: { ready: ready.length, total: parts.nodes.length },
    desiredNodes: parts.desiredNodes,
    // Utilisation of the pod's cap, as elasticity's cpu metric reads it: a 0.3-CPU node using 0.3 CPU is at 100 %.
    cpuPercent:
      percents.length === 0 ? null : percents.reduce((a, b) => a + b, 0) / percents.length / parts.pod.cpus,
  };
}

export function nodeSampleOf(at: string, node: NodeRecord, usage: NodeStatsView): NodeMetricsSample {
  return { at, node: node.name, pod: node.pod, cpuPercent: usage.cpuPercent, memoryBytes: usage.memoryBytes };
}
