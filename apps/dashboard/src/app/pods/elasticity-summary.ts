import type { Elasticity } from '@strato/api-client';

type Metric = NonNullable<Elasticity['status']>['metric'];

/** What the manager's policy holds that the overview says (the API types it as an open object). */
interface ScalingPolicy {
  readonly kind: 'threshold' | 'target-tracking';
  readonly metric: Metric;
  readonly lower?: number;
  readonly upper?: number;
  readonly target?: number;
  readonly minNodes: number;
  readonly maxNodes: number;
}

const UNITS: Record<Metric, string> = {
  cpu: '% CPU',
  requestsPerNode: ' req/s per node',
  latencyP90: ' ms p90',
  queueDepth: ' queued per thread',
  jobBacklog: ' jobs per slot',
};

export interface ElasticitySummary {
  readonly enabled: boolean;
  /** The policy in a line: "cpu 20–70 % CPU · 1–6 nodes". */
  readonly policy: string;
  /** The last decision: "wants 3 — AboveUpperThreshold: …", or null before the first. */
  readonly decision: string | null;
}

/** A pod's elasticity as the overview says it. */
export function summarizeElasticity(elasticity: Elasticity | undefined): ElasticitySummary | null {
  if (!elasticity) return null;
  const policy = elasticity.policy as unknown as ScalingPolicy;
  const unit = UNITS[policy.metric] ?? '';
  const rule =
    policy.kind === 'threshold'
      ? `${policy.metric} ${policy.lower}–${policy.upper}${unit}`
      : `${policy.metric} target ${policy.target}${unit}`;
  const status = elasticity.status;
  return {
    enabled: elasticity.enabled,
    policy: `${rule} · ${policy.minNodes}–${policy.maxNodes} nodes`,
    decision: status ? `wants ${status.desiredNodes} — ${status.reason}: ${status.message}` : null,
  };
}
