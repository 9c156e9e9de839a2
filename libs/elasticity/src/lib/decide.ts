import {
  backoffCondition,
  condition,
  fmt,
  readyForNewScale,
  thresholdBackoff,
  tooFew,
  tooMany,
} from './conditions';
import { InvalidPolicyError } from './invalid-policy.error';
import type { Proposal } from './proposal';
import { nextState } from './state';
import { proposeTargetTracking } from './target-tracking';
import { proposeThreshold } from './threshold';
import type { ScalingCondition, ScalingDecision, ScalingInput } from './types';
import { validatePolicy } from './validate';
import { averageInWindow } from './window';

/**
 * One elasticity tick for one pod, pure: the caller brings the clock, the samples and the state of
 * the previous tick, and carries out `desiredNodes`. Never throws: an invalid policy is reported as
 * a condition so a background loop can record it and go on.
 */
export function decide(input: ScalingInput): ScalingDecision {
  const { policy, currentNodes: current, readyNodes, now, state } = input;
  try {
    validatePolicy(policy);
  } catch (error) {
    if (!(error instanceof InvalidPolicyError)) throw error;
    const invalid = (type: ScalingCondition['type']) =>
      condition(type, false, 'InvalidPolicy', error.message);
    return {
      desiredNodes: current,
      direction: 'none',
      reason: 'InvalidPolicy',
      message: `invalid policy: ${error.message}; holding ${current}`,
      metric: null,
      conditions: [invalid('AbleToScale'), invalid('ScalingActive'), invalid('ScalingLimited')],
      state,
    };
  }

  const average = averageInWindow(input.samples, policy.metric, now, policy.windowMs, readyNodes);
  const active = average
    ? condition(
        'ScalingActive',
        true,
        'ValidMetricFound',
        `${policy.metric} ${fmt(average.value)} from ${average.samples} samples in the last ${policy.windowMs} ms`,
      )
    : condition(
        'ScalingActive',
        false,
        'NoMetrics',
        `no ${policy.metric} samples in the last ${policy.windowMs} ms`,
      );
  const idle =
    policy.kind === 'threshold'
      ? backoffCondition(thresholdBackoff(policy, state, now), now)
      : readyForNewScale();

  let proposal: Proposal;
  if (current < policy.minNodes || current > policy.maxNodes) {
    // Bounds first and at once, as HPA does: the owner changed them, no metric or cooldown applies.
    const low = current < policy.minNodes;
    const bound = low ? policy.minNodes : policy.maxNodes;
    proposal = {
      desiredNodes: bound,
      reason: low ? 'BelowMinimum' : 'AboveMaximum',
      message: `${current} nodes is ${low ? 'below the minimum' : 'above the maximum'} ${bound}: ${current} -> ${bound} nodes`,
      ableToScale: idle,
      limited: low ? tooFew(current, bound) : tooMany(current, bound),
    };
  } else if (!average) {
    proposal = {
      desiredNodes: current,
      reason: 'NoMetrics',
      message: `${active.message}: holding ${current}`,
      ableToScale: idle,
      limited: condition('ScalingLimited', false, 'DesiredWithinRange', 'no metric, no recommendation'),
    };
  } else if (policy.kind === 'threshold') {
    proposal = proposeThreshold(policy, average.value, current, now, state);
  } else {
    proposal = proposeTargetTracking(policy, average.value, current, readyNodes, now, state);
  }

  const { desiredNodes } = proposal;
  return {
    desiredNodes,
    direction: desiredNodes > current ? 'out' : desiredNodes < current ? 'in' : 'none',
    reason: proposal.reason,
    message: proposal.message,
    metric: average?.value ?? null,
    conditions: [proposal.ableToScale, active, proposal.limited],
    state: nextState(policy, state, now, current, desiredNodes, proposal.recommendations),
  };
}
