import { type PodUsage, type StratoClient, unwrap } from '@strato/api-client';

/** What the cloud itself counted for a pod at one moment: the balancer's per-node requests, the agents' CPU. */
export interface PodReading {
  /** Requests the load balancer sent to each node since it (re)loaded it: cumulative. */
  requests: Record<string, number>;
  usage: PodUsage;
}

export async function readPod(client: StratoClient, pod: string): Promise<PodReading> {
  const [lb, usage] = await Promise.all([
    unwrap(client.GET('/api/v1/lb')),
    unwrap(client.GET('/api/v1/pods/{pod}/usage', { params: { path: { pod } } })),
  ]);
  const servers = lb.pods.find((p) => p.pod === pod)?.servers ?? [];
  return { requests: Object.fromEntries(servers.map((s) => [s.node, s.totalRequests])), usage };
}

const counted = (before: PodReading, after: PodReading, nodes: string[]) =>
  nodes.reduce(
    (sum, node) => sum + Math.max(0, (after.requests[node] ?? 0) - (before.requests[node] ?? 0)),
    0,
  );

/**
 * A reading once the balancer has counted `expected` more requests than `before` (its counters trail the
 * last answers by up to a stats refresh), or after `timeoutMs` — then the shortfall shows in the report.
 */
export async function readPodOnceCounted(
  client: StratoClient,
  pod: string,
  before: PodReading,
  nodes: string[],
  expected: number,
  timeoutMs = 3000,
): Promise<PodReading> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const after = await readPod(client, pod);
    if (counted(before, after, nodes) >= expected || Date.now() > deadline) return after;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One node's part of what happened between two readings. */
export interface NodeShare {
  node: string;
  /** Counted by the load balancer. */
  requests: number;
  /** Of the pod's requests in that time, 0..1. */
  share: number;
  /** CPU used in that time as % of the node's cap; null without two samples. */
  cpuPercentOfCap: number | null;
}

export function sharesBetween(before: PodReading, after: PodReading, nodes: string[]): NodeShare[] {
  const requests = nodes.map((node) =>
    Math.max(0, (after.requests[node] ?? 0) - (before.requests[node] ?? 0)),
  );
  const total = requests.reduce((a, b) => a + b, 0);
  return nodes.map((node, i) => ({
    node,
    requests: requests[i],
    share: total === 0 ? 0 : requests[i] / total,
    cpuPercentOfCap: cpuBetween(before.usage, after.usage, node),
  }));
}

function cpuBetween(before: PodUsage, after: PodUsage, node: string): number | null {
  const a = before.nodes.find((n) => n.node === node);
  const b = after.nodes.find((n) => n.node === node);
  if (a?.cpuSeconds == null || b?.cpuSeconds == null || !a.sampledAt || !b.sampledAt) return null;
  const seconds = (Date.parse(b.sampledAt) - Date.parse(a.sampledAt)) / 1000;
  const used = b.cpuSeconds - a.cpuSeconds;
  // A restart resets the counter: no measurement, not negative use.
  if (seconds <= 0 || used < 0) return null;
  return (used / seconds / b.cpus) * 100;
}
