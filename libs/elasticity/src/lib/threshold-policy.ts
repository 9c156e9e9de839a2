/**
 * The course seeds' threshold rule, pure: the average of the metric window against lower and upper
 * thresholds, one step at a time, within [minNodes, maxNodes], with separate scale-out and scale-in
 * cooldowns. Time comes in as a number (ms), so tests drive it with a fake clock.
 */
export interface ThresholdPolicy {
  lower: number;
  upper: number;
  minNodes: number;
  maxNodes: number;
  step: number;
  scaleOutCooldownMs: number;
  scaleInCooldownMs: number;
}

export interface MetricSample {
  at: number;
  value: number;
}

export interface ScalingInput {
  window: readonly MetricSample[];
  currentNodes: number;
  now: number;
  lastScaleOutAt?: number;
  lastScaleInAt?: number;
}

export type ScalingReason =
  | 'NoMetrics'
  | 'AboveUpperThreshold'
  | 'BelowLowerThreshold'
  | 'WithinThresholds'
  | 'BelowMinimum'
  | 'AboveMaximum'
  | 'AtMaximum'
  | 'AtMinimum'
  | 'ScaleOutCooldown'
  | 'ScaleInCooldown';

export interface ScalingDecision {
  desiredNodes: number;
  reason: ScalingReason;
  message: string;
  metric: number | null;
}

export class InvalidPolicyError extends Error {}

export function validateThresholdPolicy(policy: ThresholdPolicy): void {
  if (!(policy.lower < policy.upper))
    throw new InvalidPolicyError(`lower threshold ${policy.lower} must be below upper ${policy.upper}`);
  if (!(policy.minNodes >= 0 && policy.minNodes <= policy.maxNodes)) {
    throw new InvalidPolicyError(
      `minNodes ${policy.minNodes} must be between 0 and maxNodes ${policy.maxNodes}`,
    );
  }
  if (!(policy.step >= 1)) throw new InvalidPolicyError(`step must be at least 1, got ${policy.step}`);
}

const clamp = (n: number, min: number, max: number): number => Math.min(max, Math.max(min, n));

export function decideThreshold(policy: ThresholdPolicy, input: ScalingInput): ScalingDecision {
  const { currentNodes: current, now } = input;
  if (current < policy.minNodes) {
    return {
      desiredNodes: policy.minNodes,
      reason: 'BelowMinimum',
      message: `${current} nodes is below the minimum ${policy.minNodes}`,
      metric: null,
    };
  }
  if (current > policy.maxNodes) {
    return {
      desiredNodes: policy.maxNodes,
      reason: 'AboveMaximum',
      message: `${current} nodes is above the maximum ${policy.maxNodes}`,
      metric: null,
    };
  }
  if (input.window.length === 0) {
    return {
      desiredNodes: current,
      reason: 'NoMetrics',
      message: 'no metric samples in the window: holding',
      metric: null,
    };
  }
  const metric = input.window.reduce((sum, s) => sum + s.value, 0) / input.window.length;
  const hold = (reason: ScalingReason, message: string): ScalingDecision => ({
    desiredNodes: current,
    reason,
    message,
    metric,
  });

  if (metric > policy.upper) {
    if (current >= policy.maxNodes)
      return hold(
        'AtMaximum',
        `metric ${metric} above ${policy.upper} but already at the maximum ${policy.maxNodes}`,
      );
    if (input.lastScaleOutAt !== undefined && now - input.lastScaleOutAt < policy.scaleOutCooldownMs) {
      return hold(
        'ScaleOutCooldown',
        `metric ${metric} above ${policy.upper}; scale-out cooldown until ${input.lastScaleOutAt + policy.scaleOutCooldownMs}`,
      );
    }
    const desiredNodes = clamp(current + policy.step, policy.minNodes, policy.maxNodes);
    return {
      desiredNodes,
      reason: 'AboveUpperThreshold',
      message: `metric ${metric} above ${policy.upper}: ${current} -> ${desiredNodes}`,
      metric,
    };
  }
  if (metric < policy.lower) {
    if (current <= policy.minNodes)
      return hold(
        'AtMinimum',
        `metric ${metric} below ${policy.lower} but already at the minimum ${policy.minNodes}`,
      );
    if (input.lastScaleInAt !== undefined && now - input.lastScaleInAt < policy.scaleInCooldownMs) {
      return hold(
        'ScaleInCooldown',
        `metric ${metric} below ${policy.lower}; scale-in cooldown until ${input.lastScaleInAt + policy.scaleInCooldownMs}`,
      );
    }
    const desiredNodes = clamp(current - policy.step, policy.minNodes, policy.maxNodes);
    return {
      desiredNodes,
      reason: 'BelowLowerThreshold',
      message: `metric ${metric} below ${policy.lower}: ${current} -> ${desiredNodes}`,
      metric,
    };
  }
  return hold('WithinThresholds', `metric ${metric} within [${policy.lower}, ${policy.upper}]`);
}
