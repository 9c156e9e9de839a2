import type { ConditionType, ScalingCondition, ThresholdPolicy, ScalingState } from './types';

export const condition = (
  type: ConditionType,
  status: boolean,
  reason: string,
  message: string,
): ScalingCondition => ({ type, status, reason, message });

export const readyForNewScale = (message = 'recommended size matches current size'): ScalingCondition =>
  condition('AbleToScale', true, 'ReadyForNewScale', message);

export const withinRange = (): ScalingCondition =>
  condition(
    'ScalingLimited',
    false,
    'DesiredWithinRange',
    'the desired count is within the acceptable range',
  );

export const tooMany = (wanted: number, max: number): ScalingCondition =>
  condition('ScalingLimited', true, 'TooManyReplicas', `wanted ${wanted} nodes, the maximum is ${max}`);

export const tooFew = (wanted: number, min: number): ScalingCondition =>
  condition('ScalingLimited', true, 'TooFewReplicas', `wanted ${wanted} nodes, the minimum is ${min}`);

export interface Backoff {
  /** Set while a scale-out would be held, to the moment it no longer is. */
  outUntil?: number;
  inUntil?: number;
}

/**
 * A scale-in waits for its cooldown from the last scale event of either direction: the nodes a
 * scale-out just added lower the per-node metric, and removing them at once is the flap this guards
 * against. A scale-out waits only for the last scale-out: refusing capacity under load costs
 * requests, while an extra node costs only money for one cooldown.
 */
export function thresholdBackoff(policy: ThresholdPolicy, state: ScalingState, now: number): Backoff {
  const { lastScaleOutAt: out, lastScaleInAt: inAt } = state;
  const lastEvent = Math.max(out ?? -Infinity, inAt ?? -Infinity);
  const outUntil = out === undefined ? undefined : out + policy.scaleOutCooldownMs;
  const inUntil = lastEvent + policy.scaleInCooldownMs;
  return {
    outUntil: outUntil !== undefined && now < outUntil ? outUntil : undefined,
    inUntil: now < inUntil ? inUntil : undefined,
  };
}

/** HPA's legacy forbidden windows (`BackoffBoth`, `BackoffUpscale`, `BackoffDownscale`). */
export function backoffCondition({ outUntil, inUntil }: Backoff, now: number): ScalingCondition {
  const left = (until: number) => `${until - now} ms`;
  if (outUntil !== undefined && inUntil !== undefined)
    return condition(
      'AbleToScale',
      false,
      'BackoffBoth',
      `scale-out cooldown ${left(outUntil)} left, scale-in cooldown ${left(inUntil)} left`,
    );
  if (outUntil !== undefined)
    return condition('AbleToScale', false, 'BackoffUpscale', `scale-out cooldown ${left(outUntil)} left`);
  if (inUntil !== undefined)
    return condition('AbleToScale', false, 'BackoffDownscale', `scale-in cooldown ${left(inUntil)} left`);
  return readyForNewScale('the last scale event is older than both cooldowns');
}

export const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
