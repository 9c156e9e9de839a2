import { normalize, stabilize } from './normalize';
import type { Proposal } from './proposal';
import { calcReplicas } from './replica-calculator';
import type { ScalingState, TargetTrackingPolicy } from './types';

/** HPA's pass: replica count from the metric, then stabilizeRecommendation, then normalizeDesiredReplicas. */
export function proposeTargetTracking(
  policy: TargetTrackingPolicy,
  metric: number,
  current: number,
  readyNodes: number,
  now: number,
  state: ScalingState,
): Proposal {
  const raw = calcReplicas(policy, metric, current, readyNodes);
  const stable = stabilize(policy, current, raw.nodes, now, state.recommendations);
  const { nodes: desiredNodes, limited } = normalize(policy, current, stable.nodes, now, state.scaleEvents);
  const common = {
    desiredNodes,
    ableToScale: stable.ableToScale,
    limited,
    recommendations: stable.recommendations,
  };

  if (desiredNodes === current && raw.nodes !== current) {
    const heldBy = limited.status ? limited : stable.ableToScale;
    const reason = heldBy.reason as Proposal['reason'];
    return { ...common, reason, message: `${raw.message}; held at ${current}: ${heldBy.message}` };
  }
  const clamp = limited.status ? `; ${limited.message}` : '';
  const stabilized = stable.nodes !== raw.nodes ? `; ${stable.ableToScale.message}` : '';
  const change = desiredNodes === current ? '' : `: ${current} -> ${desiredNodes} nodes`;
  return { ...common, reason: raw.reason, message: `${raw.message}${stabilized}${clamp}${change}` };
}
