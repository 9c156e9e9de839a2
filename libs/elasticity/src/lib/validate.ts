import { InvalidPolicyError } from './invalid-policy.error';
import {
  SCALING_METRICS,
  type ScalingPolicy,
  type TargetTrackingPolicy,
  type ThresholdPolicy,
} from './types';

const METRICS: readonly string[] = SCALING_METRICS;

/**
 * A steady load jittering ±5 % around one threshold spans 10 % of its value; thresholds closer than
 * that let the same noise cross both, so the owner's pair would flap without any change in load.
 */
export const REQUIRED_GAP = 0.1;

function check(ok: boolean, field: string, detail: string): void {
  if (!ok) throw new InvalidPolicyError(field, detail);
}

const isCount = (n: number, min: number): boolean => Number.isInteger(n) && n >= min;
const isDuration = (n: number): boolean => Number.isFinite(n) && n >= 0;

export function validatePolicy(policy: ScalingPolicy): void {
  check(METRICS.includes(policy.metric), 'metric', `must be one of ${METRICS.join(', ')}`);
  check(isCount(policy.minNodes, 1), 'minNodes', `must be an integer >= 1, got ${policy.minNodes}`);
  check(
    isCount(policy.maxNodes, policy.minNodes),
    'maxNodes',
    `must be an integer >= minNodes ${policy.minNodes}, got ${policy.maxNodes}`,
  );
  check(
    isCount(policy.warmNodes, 0) && policy.warmNodes <= policy.maxNodes,
    'warmNodes',
    `must be an integer from 0 to maxNodes ${policy.maxNodes}, got ${policy.warmNodes}`,
  );
  check(
    Number.isFinite(policy.windowMs) && policy.windowMs > 0,
    'windowMs',
    `must be > 0, got ${policy.windowMs}`,
  );
  if (policy.kind === 'threshold') validateThreshold(policy);
  else if (policy.kind === 'target-tracking') validateTargetTracking(policy);
  else
    check(
      false,
      'kind',
      `must be threshold or target-tracking, got ${String((policy as { kind: unknown }).kind)}`,
    );
}

function validateThreshold(p: ThresholdPolicy): void {
  check(Number.isFinite(p.lower) && p.lower >= 0, 'lower', `must be >= 0, got ${p.lower}`);
  check(
    Number.isFinite(p.upper) && p.upper > p.lower,
    'upper',
    `must be above lower ${p.lower}, got ${p.upper}`,
  );
  check(
    p.upper - p.lower >= REQUIRED_GAP * p.upper,
    'upper',
    `must be at least ${REQUIRED_GAP * 100}% of itself above lower (got ${p.lower}..${p.upper})`,
  );
  check(isCount(p.step, 1), 'step', `must be an integer >= 1, got ${p.step}`);
  check(isDuration(p.scaleOutCooldownMs), 'scaleOutCooldownMs', `must be >= 0, got ${p.scaleOutCooldownMs}`);
  check(isDuration(p.scaleInCooldownMs), 'scaleInCooldownMs', `must be >= 0, got ${p.scaleInCooldownMs}`);
}

function validateTargetTracking(p: TargetTrackingPolicy): void {
  check(Number.isFinite(p.target) && p.target > 0, 'target', `must be > 0, got ${p.target}`);
  check(p.tolerance >= 0 && p.tolerance < 1, 'tolerance', `must be in [0, 1), got ${p.tolerance}`);
  check(
    isDuration(p.scaleInStabilizationMs),
    'scaleInStabilizationMs',
    `must be >= 0, got ${p.scaleInStabilizationMs}`,
  );
  const limit = p.scaleUpLimit;
  check(typeof limit === 'object' && limit !== null, 'scaleUpLimit', 'must be { percent, nodes, periodMs }');
  check(
    Number.isFinite(limit.percent) && limit.percent >= 0,
    'scaleUpLimit.percent',
    `must be >= 0, got ${limit.percent}`,
  );
  check(isCount(limit.nodes, 0), 'scaleUpLimit.nodes', `must be an integer >= 0, got ${limit.nodes}`);
  check(limit.percent > 0 || limit.nodes > 0, 'scaleUpLimit', 'must allow growth: percent or nodes > 0');
  check(
    Number.isFinite(limit.periodMs) && limit.periodMs > 0,
    'scaleUpLimit.periodMs',
    `must be > 0, got ${limit.periodMs}`,
  );
}
