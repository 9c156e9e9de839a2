export const SCALING_METRICS = ['cpu', 'requestsPerNode', 'latencyP90', 'queueDepth', 'jobBacklog'] as const;
export type ScalingMetric = (typeof SCALING_METRICS)[number];

/**
 * cpu: utilisation of the node's CPU cap in % (0–100+); requestsPerNode: req/s per ready node;
 * latencyP90: ms; queueDepth: requests being served or waiting (on the nodes and in the balancer's
 * queue) per job thread of the ready nodes — 1 is every thread busy, above 1 requests wait; jobBacklog:
 * batch jobs running or queued to start (within their array's parallelism) per batch-job slot of the
 * ready nodes — 1 is every slot busy, above 1 jobs wait. `nodes` is the number of ready nodes a
 * per-node value was averaged over when it was taken: with it the window averages pod totals, so
 * samples from before a scale-out are not read as the per-node load of the nodes there are now.
 */
export interface MetricSample {
  at: number;
  value: number;
  nodes?: number;
}

export interface ThresholdPolicy {
  kind: 'threshold';
  metric: ScalingMetric;
  lower: number;
  upper: number;
  minNodes: number;
  maxNodes: number;
  /**
   * Warm nodes kept ready beside the pod's nodes (STANDBY: running, out of the load balancer) for a
   * scale-out to promote at once instead of booting; they count towards maxNodes but not as the pod's nodes.
   */
  warmNodes: number;
  step: number;
  scaleOutCooldownMs: number;
  scaleInCooldownMs: number;
  windowMs: number;
}

export interface ScaleUpLimit {
  percent: number;
  nodes: number;
  periodMs: number;
}

export interface TargetTrackingPolicy {
  kind: 'target-tracking';
  metric: ScalingMetric;
  target: number;
  tolerance: number;
  minNodes: number;
  maxNodes: number;
  /**
   * Warm nodes kept ready beside the pod's nodes (STANDBY: running, out of the load balancer) for a
   * scale-out to promote at once instead of booting; they count towards maxNodes but not as the pod's nodes.
   */
  warmNodes: number;
  scaleInStabilizationMs: number;
  scaleUpLimit: ScaleUpLimit;
  windowMs: number;
}

export type ScalingPolicy = ThresholdPolicy | TargetTrackingPolicy;

export interface Recommendation {
  at: number;
  nodes: number;
}

export interface ScaleEvent {
  at: number;
  from: number;
  to: number;
}

/** Carried between ticks by the caller; `decide` never mutates it and returns the next one. */
export interface ScalingState {
  lastScaleOutAt?: number;
  lastScaleInAt?: number;
  recommendations: Recommendation[];
  scaleEvents: ScaleEvent[];
}

export interface ScalingInput {
  policy: ScalingPolicy;
  samples: readonly MetricSample[];
  /** Registered nodes that have not FAILED. */
  currentNodes: number;
  /** ONLINE nodes, serving. */
  readyNodes: number;
  now: number;
  state: ScalingState;
}

export type ConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';

export interface ScalingCondition {
  type: ConditionType;
  status: boolean;
  reason: string;
  message: string;
}

export type ScalingDirection = 'out' | 'in' | 'none';

export type ScalingReason =
  | 'InvalidPolicy'
  | 'NoMetrics'
  | 'BelowMinimum'
  | 'AboveMaximum'
  | 'AboveUpperThreshold'
  | 'BelowLowerThreshold'
  | 'WithinThresholds'
  | 'CooldownActive'
  | 'AboveTarget'
  | 'BelowTarget'
  | 'WithinTolerance'
  | 'AwaitingReadyNodes'
  | 'ScaleDownStabilized'
  | 'ScaleUpLimit'
  | 'TooManyReplicas'
  | 'TooFewReplicas';

export interface ScalingDecision {
  desiredNodes: number;
  direction: ScalingDirection;
  /** One of `ScalingReason`. */
  reason: string;
  message: string;
  metric: number | null;
  conditions: ScalingCondition[];
  state: ScalingState;
}
