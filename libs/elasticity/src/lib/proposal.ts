import type { Recommendation, ScalingCondition, ScalingReason } from './types';

/** What a policy asks for on one tick, before `decide` records it in the state. */
export interface Proposal {
  desiredNodes: number;
  reason: ScalingReason;
  message: string;
  ableToScale: ScalingCondition;
  limited: ScalingCondition;
  recommendations?: Recommendation[];
}
