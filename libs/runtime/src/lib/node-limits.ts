import type { NodeLimits } from '@strato/contracts';

export const LIMITS_ENFORCED: NodeLimits = Object.freeze({ enforced: true, reason: null });

export function limitsNotEnforced(reason: string): NodeLimits {
  return { enforced: false, reason };
}
