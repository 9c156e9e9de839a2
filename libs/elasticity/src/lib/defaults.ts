import type { ScaleUpLimit, ScalingMetric, TargetTrackingPolicy, ThresholdPolicy } from './types';

/**
 * Per metric: cpu from the course seeds (20/70 % of the cap); requestsPerNode from the KVM seed
 * (5/20 per VM); latencyP90 is a placeholder until tools/bench measures job times per pod. Targets
 * sit where a node still has room for a doubling of its load (cpu 50 %), which the scale-up limit
 * (+100 % per period) then catches up with in one period.
 */
const PER_METRIC: Record<ScalingMetric, { lower: number; upper: number; target: number }> = {
  cpu: { lower: 20, upper: 70, target: 50 },
  requestsPerNode: { lower: 5, upper: 20, target: 10 },
  latencyP90: { lower: 100, upper: 500, target: 250 },
  // Out as soon as requests wait (each thread has one running and one more waiting at 2); in when the
  // threads are busy less than a third of the time.
  queueDepth: { lower: 0.3, upper: 1.5, target: 0.8 },
  // A node per job that may start: out as soon as one waits (above 1), in when under half the slots are
  // busy; target tracking asks for exactly as many nodes as there are jobs to run.
  jobBacklog: { lower: 0.5, upper: 1, target: 1 },
};

/** Options parsed from a CLI or a request arrive with undefined members; those keep the default. */
function defined<T extends object>(overrides: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/**
 * Bounds 1..10 are valid for every pod (heavy holds 10 nodes). The window is 3 ticks of 1 s: one
 * noisy sample cannot trigger. The scale-out cooldown equals the window, so no sample justifies two
 * scale-outs. Scale-in waits 15 s after any scale event: five windows of evidence that load stayed
 * low, twice as fast as the KVM seed's 30 s; the 20/70 gap (70/20 > 2) means removing one node from
 * two or more never pushes the rest above the upper threshold, which is what stops the flapping.
 */
export function defaultThresholdPolicy(
  overrides: Partial<Omit<ThresholdPolicy, 'kind'>> = {},
): ThresholdPolicy {
  const metric = overrides.metric ?? 'cpu';
  const { lower, upper } = PER_METRIC[metric];
  return {
    kind: 'threshold',
    metric,
    lower,
    upper,
    minNodes: 1,
    maxNodes: 10,
    warmNodes: 0,
    step: 1,
    scaleOutCooldownMs: 3_000,
    scaleInCooldownMs: 15_000,
    windowMs: 3_000,
    ...defined(overrides),
  };
}

/**
 * HPA's tolerance (10 %) and scale-up policies (+100 % or +4 nodes, the larger), over a 5 s period
 * instead of 15 s: a node launches and shows up in a 3 s window within that, and the not-ready
 * dampening stops double-counting meanwhile. Scale-in stabilisation is 30 s instead of HPA's 300 s:
 * its 15 s metrics and slow pod starts are not ours, but one decision may remove several nodes at
 * once, so it waits twice as long as the threshold policy's single step.
 */
export function defaultTargetTrackingPolicy(
  overrides: Partial<Omit<TargetTrackingPolicy, 'kind' | 'scaleUpLimit'>> & {
    scaleUpLimit?: Partial<ScaleUpLimit>;
  } = {},
): TargetTrackingPolicy {
  const metric = overrides.metric ?? 'cpu';
  const { scaleUpLimit = {}, ...rest } = overrides;
  return {
    kind: 'target-tracking',
    metric,
    target: PER_METRIC[metric].target,
    tolerance: 0.1,
    minNodes: 1,
    maxNodes: 10,
    warmNodes: 0,
    scaleInStabilizationMs: 30_000,
    windowMs: 3_000,
    ...defined(rest),
    scaleUpLimit: { percent: 100, nodes: 4, periodMs: 5_000, ...defined(scaleUpLimit) },
  };
}
