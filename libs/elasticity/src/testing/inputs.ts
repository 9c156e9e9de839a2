import { initialScalingState } from '../lib/state';
import type { ConditionType, ScalingDecision, ScalingInput, ScalingPolicy } from '../lib/types';

/** The fake "now" of the table-driven specs; state times are written relative to it. */
export const NOW = 100_000;

/** Values newest first, one a second back from NOW. */
export const samples = (...values: number[]) => values.map((value, i) => ({ at: NOW - i * 1_000, value }));

/** Two ready nodes, no samples, a fresh state; an override left undefined keeps the default. */
export function input(policy: ScalingPolicy, overrides: Partial<ScalingInput> = {}): ScalingInput {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return {
    policy,
    samples: [],
    currentNodes: 2,
    readyNodes: 2,
    now: NOW,
    state: initialScalingState(),
    ...given,
  };
}

export function reasonOf(decision: ScalingDecision, type: ConditionType): string {
  const found = decision.conditions.find((c) => c.type === type);
  if (!found) throw new Error(`no ${type} condition`);
  return `${found.status}/${found.reason}`;
}
