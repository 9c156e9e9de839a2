import { JOB_KINDS, JobKind } from '@strato/contracts';
import { WeightedTarget } from './load-target';

/** The mix the course reports used for end users: mostly light jobs, a few heavy ones. */
export const DEFAULT_JOB_MIX: Readonly<Record<JobKind, number>> = { light: 70, medium: 25, heavy: 5 };

/** `GET /light|/medium|/heavy` on one base URL (the load balancer), weighted; zero-weight kinds are left out. */
export function jobMixTargets(
  baseUrl: string | URL,
  mix: Partial<Record<JobKind, number>> = DEFAULT_JOB_MIX,
): WeightedTarget[] {
  return JOB_KINDS.filter((kind) => (mix[kind] ?? 0) > 0).map((kind) => ({
    name: kind,
    url: new URL(`/${kind}`, baseUrl),
    weight: mix[kind] ?? 0,
  }));
}
