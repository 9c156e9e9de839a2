import type { Recommendation, ScaleEvent, ScalingPolicy, ScalingState } from './types';

export function initialScalingState(): ScalingState {
  return { recommendations: [], scaleEvents: [] };
}

/** How far back a policy looks at its own history; older entries are dropped so the state stays small. */
function horizonMs(policy: ScalingPolicy): number {
  return policy.kind === 'threshold'
    ? Math.max(policy.scaleOutCooldownMs, policy.scaleInCooldownMs)
    : Math.max(policy.scaleUpLimit.periodMs, policy.scaleInStabilizationMs);
}

export function nextState(
  policy: ScalingPolicy,
  state: ScalingState,
  now: number,
  from: number,
  to: number,
  recommendations: readonly Recommendation[] = state.recommendations,
): ScalingState {
  const since = now - horizonMs(policy);
  const recent = <T extends { at: number }>(entries: readonly T[]): T[] =>
    entries.filter((e) => e.at > since);
  const event: ScaleEvent[] = to === from ? [] : [{ at: now, from, to }];
  return {
    lastScaleOutAt: to > from ? now : state.lastScaleOutAt,
    lastScaleInAt: to < from ? now : state.lastScaleInAt,
    recommendations: recent(recommendations),
    scaleEvents: [...recent(state.scaleEvents), ...event],
  };
}

/** Flapping, as the benchmark reports it: how often consecutive scale events change direction. */
export function directionChanges(events: readonly ScaleEvent[]): number {
  const directions = events.filter((e) => e.to !== e.from).map((e) => e.to > e.from);
  return directions.filter((up, i) => i > 0 && up !== directions[i - 1]).length;
}
