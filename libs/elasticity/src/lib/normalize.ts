import { condition, readyForNewScale, tooFew, tooMany, withinRange } from './conditions';
import type { Recommendation, ScaleEvent, ScalingCondition, TargetTrackingPolicy } from './types';

export interface Stabilized {
  nodes: number;
  ableToScale: ScalingCondition;
  recommendations: Recommendation[];
}

/**
 * HPA's stabilizeRecommendationWithBehaviors with a zero scale-up window: a scale-out applies at
 * once; a scale-in goes only as low as the highest recommendation of the last
 * scaleInStabilizationMs, so one quiet window does not remove nodes the next busy one needs. The raw
 * recommendation is what is recorded, as HPA records it.
 */
export function stabilize(
  policy: TargetTrackingPolicy,
  current: number,
  raw: number,
  now: number,
  recommendations: readonly Recommendation[],
): Stabilized {
  const recent = recommendations.filter((r) => r.at > now - policy.scaleInStabilizationMs && r.at <= now);
  const highest = Math.max(raw, ...recent.map((r) => r.nodes));
  const nodes = raw >= current ? raw : Math.min(current, highest);
  const ableToScale =
    nodes === raw
      ? readyForNewScale()
      : condition(
          'AbleToScale',
          true,
          'ScaleDownStabilized',
          `recent recommendations were higher than ${raw}: applying the highest of the last ${policy.scaleInStabilizationMs} ms, ${highest}`,
        );
  return { nodes, ableToScale, recommendations: [...recent, { at: now, nodes: raw }] };
}

export interface Normalized {
  nodes: number;
  limited: ScalingCondition;
}

/**
 * HPA's convertDesiredReplicasWithBehaviorRate and calculateScaleUpLimitWithScalingRules: growth
 * per period is measured from the node count at the start of the period (current minus what the
 * period's events added, plus what they removed), at most max(×(1 + percent/100), +nodes); then
 * [minNodes, maxNodes].
 */
export function normalize(
  policy: TargetTrackingPolicy,
  current: number,
  desired: number,
  now: number,
  events: readonly ScaleEvent[],
): Normalized {
  if (desired < current) {
    return desired < policy.minNodes
      ? { nodes: policy.minNodes, limited: tooFew(desired, policy.minNodes) }
      : { nodes: desired, limited: withinRange() };
  }
  if (desired === current) return { nodes: desired, limited: withinRange() };

  const { percent, nodes: step, periodMs } = policy.scaleUpLimit;
  const inPeriod = events.filter((e) => e.at > now - periodMs && e.at <= now);
  const periodStart = inPeriod.reduce((n, e) => n - (e.to - e.from), current);
  const rateLimit = Math.max(current, Math.ceil((periodStart * (100 + percent)) / 100), periodStart + step);
  if (rateLimit < policy.maxNodes && desired > rateLimit) {
    const message = `wanted ${desired} nodes, growth from ${periodStart} is limited to ${rateLimit} per ${periodMs} ms`;
    return { nodes: rateLimit, limited: condition('ScalingLimited', true, 'ScaleUpLimit', message) };
  }
  return desired > policy.maxNodes
    ? { nodes: policy.maxNodes, limited: tooMany(desired, policy.maxNodes) }
    : { nodes: desired, limited: withinRange() };
}
