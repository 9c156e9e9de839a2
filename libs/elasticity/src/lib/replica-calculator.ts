import { fmt } from './conditions';
import type { ScalingReason, TargetTrackingPolicy } from './types';

export interface ReplicaCount {
  nodes: number;
  reason: Extract<ScalingReason, 'AboveTarget' | 'BelowTarget' | 'WithinTolerance' | 'AwaitingReadyNodes'>;
  message: string;
}

/** Floating-point noise must not turn 6.000000000000001 into a seventh node. */
const ceil = (x: number): number => Math.ceil(x - 1e-9);

/**
 * HPA's replica_calculator.go (calcPlainMetricReplicas): ceil(nodes × metric / target) outside the
 * tolerance. The metric is measured on ready nodes only; not-ready ones (NEW, launching) have no
 * sample, so they get HPA's rule for pods without metrics: 0 of the metric when scaling out (they
 * will take load once ready, so do not add nodes for load they are about to absorb) and the target
 * when scaling in (assume they will be busy, do not count them as spare). If that dampened ratio
 * falls back within tolerance or flips direction, hold, as HPA does.
 */
export function calcReplicas(
  policy: TargetTrackingPolicy,
  metric: number,
  current: number,
  readyNodes: number,
): ReplicaCount {
  const { target, tolerance } = policy;
  const ready = Math.max(0, Math.min(readyNodes, current));
  const ratio = metric / target;
  const seen = `${policy.metric} ${fmt(metric)} vs target ${target} (ratio ${ratio.toFixed(2)})`;
  const hold = (reason: ReplicaCount['reason'], message: string): ReplicaCount => ({
    nodes: current,
    reason,
    message,
  });
  if (Math.abs(ratio - 1) <= tolerance)
    return hold('WithinTolerance', `${seen} is within the ${tolerance * 100}% tolerance, holding ${current}`);

  const up = ratio > 1;
  const notReady = current - ready;
  const total = metric * ready + (up ? 0 : target) * notReady;
  const dampened = total / current / target;
  const nodes = ceil(total / target);
  if (
    notReady > 0 &&
    (Math.abs(dampened - 1) <= tolerance || up !== dampened > 1 || (up ? nodes < current : nodes > current))
  ) {
    const assumed = up ? 0 : target;
    return hold(
      'AwaitingReadyNodes',
      `${seen}, but counting ${notReady} not-ready nodes at ${assumed} the ratio is ${dampened.toFixed(2)}: holding ${current}`,
    );
  }
  const counted = notReady > 0 ? ` (${notReady} not-ready nodes counted at ${up ? 0 : target})` : '';
  return {
    nodes,
    reason: up ? 'AboveTarget' : 'BelowTarget',
    message: `${seen}${counted} asks ${nodes} nodes`,
  };
}
