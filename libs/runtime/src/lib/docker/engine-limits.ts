import type { NodeLimits } from '@strato/contracts';
import { LIMITS_ENFORCED, limitsNotEnforced } from '../node-limits';

// The engine's warnings about resources all name what it dropped: memory, swap, CPU (CFS), a cgroup.
const LIMIT_WARNING = /memory|swap|cpu|cfs|cgroup|limit/i;

/** Whether a create warning says a cap was not applied (others, e.g. about the image's platform, do not). */
export function isLimitWarning(warning: string): boolean {
  return LIMIT_WARNING.test(warning);
}

export function limitsFromWarnings(warnings: readonly string[]): NodeLimits {
  const dropped = warnings.filter(isLimitWarning);
  return dropped.length === 0
    ? LIMITS_ENFORCED
    : limitsNotEnforced(`the docker engine did not apply every cap: ${dropped.map(trimDot).join('; ')}`);
}

/** The capabilities `GET /info` reports: what every create on this engine will warn about. */
export interface EngineCapabilities {
  MemoryLimit?: boolean;
  SwapLimit?: boolean;
  CpuCfsQuota?: boolean;
}

export function engineLimits(info: EngineCapabilities): NodeLimits {
  const missing = [
    info.MemoryLimit === false ? 'no memory limit support' : undefined,
    info.SwapLimit === false ? 'no swap limit support (nodes may swap past their memory cap)' : undefined,
    info.CpuCfsQuota === false ? 'no CPU CFS quota support' : undefined,
  ].filter((entry): entry is string => entry !== undefined);
  return missing.length === 0
    ? LIMITS_ENFORCED
    : limitsNotEnforced(`the docker engine reports ${missing.join(', ')}`);
}

function trimDot(text: string): string {
  return text.trim().replace(/\.$/, '');
}
