/**
 * One pod's numbers at one instant, as the manager samples them (every second by default): live on the
 * stream (`GET /api/v1/stream?metrics=true`) and kept as history (`GET /api/v1/pods/{pod}/metrics`).
 */
export interface PodMetricsSample {
  /** When it was sampled, ISO 8601. */
  at: string;
  pod: string;
  /** Requests per second through the load balancer, over its last second. */
  requestRate: number;
  /** Percentiles of the response times through the balancer over its last 10 s; null: no request timed. */
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  /** Requests waiting in the balancer for a free node. */
  queue: number;
  /** Requests the pod's nodes are serving. */
  sessions: number;
  /** 5xx responses per second since the previous sample (not a count). */
  http5xxRate: number;
  nodes: PodNodeCounts;
  /** What elasticity last decided the pod needs; null while elasticity is off or has not decided yet. */
  desiredNodes: number | null;
  /** Mean CPU of the pod's ONLINE nodes, in % of the pod's cap (100 = at the cap); null: no sample. */
  cpuPercent: number | null;
}

export interface PodNodeCounts {
  /** ONLINE nodes: in rotation and healthy. */
  ready: number;
  /** Every node of the pod the store holds, whatever its status. */
  total: number;
}

/** One node's resource use at one instant, from its agent's cgroup sample. */
export interface NodeMetricsSample {
  at: string;
  node: string;
  pod: string;
  /** CPU in % of one core (30 = 0.3 CPU); null: the agent has no CPU reading yet. */
  cpuPercent: number | null;
  memoryBytes: number;
}

/** The look-backs the history is read over. */
export const METRICS_RANGES = ['15m', '1h', '6h', '24h', '7d'] as const;
export type MetricsRange = (typeof METRICS_RANGES)[number];

export const METRICS_RANGE_SECONDS: Readonly<Record<MetricsRange, number>> = {
  '15m': 15 * 60,
  '1h': 60 * 60,
  '6h': 6 * 60 * 60,
  '24h': 24 * 60 * 60,
  '7d': 7 * 24 * 60 * 60,
};
