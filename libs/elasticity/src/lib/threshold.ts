import { backoffCondition, fmt, thresholdBackoff, tooFew, tooMany, withinRange } from './conditions';
import type { Proposal } from './proposal';
import type { ScalingState, ThresholdPolicy } from './types';

/** The course seeds' rule: one step past a threshold, with cooldowns and bounds. */
export function proposeThreshold(
  policy: ThresholdPolicy,
  metric: number,
  current: number,
  now: number,
  state: ScalingState,
): Proposal {
  const backoff = thresholdBackoff(policy, state, now);
  const ableToScale = backoffCondition(backoff, now);
  const seen = `${policy.metric} ${fmt(metric)}`;
  const hold = (reason: Proposal['reason'], message: string, limited = withinRange()): Proposal => ({
    desiredNodes: current,
    reason,
    message,
    ableToScale,
    limited,
  });

  if (metric > policy.upper) {
    const wanted = current + policy.step;
    const desiredNodes = Math.min(wanted, policy.maxNodes);
    const limited = desiredNodes < wanted ? tooMany(wanted, policy.maxNodes) : withinRange();
    const above = `${seen} above the upper threshold ${policy.upper}`;
    if (desiredNodes === current)
      return hold('TooManyReplicas', `${above}, already at the maximum ${policy.maxNodes} nodes`, limited);
    if (backoff.outUntil !== undefined)
      return hold(
        'CooldownActive',
        `${above}; scale-out cooldown ${backoff.outUntil - now} ms left, holding ${current}`,
      );
    const message = `${above}: ${current} -> ${desiredNodes} nodes`;
    return { desiredNodes, reason: 'AboveUpperThreshold', message, ableToScale, limited };
  }

  if (metric < policy.lower) {
    const wanted = current - policy.step;
    const desiredNodes = Math.max(wanted, policy.minNodes);
    const limited = desiredNodes > wanted ? tooFew(wanted, policy.minNodes) : withinRange();
    const below = `${seen} below the lower threshold ${policy.lower}`;
    if (desiredNodes === current)
      return hold('TooFewReplicas', `${below}, already at the minimum ${policy.minNodes} nodes`, limited);
    if (backoff.inUntil !== undefined)
      return hold(
        'CooldownActive',
        `${below}; scale-in cooldown ${backoff.inUntil - now} ms left, holding ${current}`,
      );
    const message = `${below}: ${current} -> ${desiredNodes} nodes`;
    return { desiredNodes, reason: 'BelowLowerThreshold', message, ableToScale, limited };
  }

  return hold('WithinThresholds', `${seen} within [${policy.lower}, ${policy.upper}], holding ${current}`);
}
