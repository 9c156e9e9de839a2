import type { MetricSample, ScalingMetric } from './types';

export interface WindowAverage {
  value: number;
  samples: number;
}

const PER_NODE: readonly ScalingMetric[] = ['cpu', 'requestsPerNode', 'queueDepth', 'jobBacklog'];

/**
 * The metric over (now - windowMs, now]. Future samples (clock skew) and non-finite values are
 * dropped. When every sample says how many ready nodes it was averaged over, a per-node metric is
 * averaged as pod totals and divided by today's ready nodes: right after a scale-out the window
 * still holds per-node values of the smaller pod, and reading them as they are would scale out again.
 */
export function averageInWindow(
  samples: readonly MetricSample[],
  metric: ScalingMetric,
  now: number,
  windowMs: number,
  readyNodes: number,
): WindowAverage | null {
  const inWindow = samples.filter((s) => s.at > now - windowMs && s.at <= now && Number.isFinite(s.value));
  if (inWindow.length === 0) return null;
  const asTotals =
    PER_NODE.includes(metric) && readyNodes > 0 && inWindow.every((s) => s.nodes !== undefined);
  const sum = inWindow.reduce((acc, s) => acc + (asTotals ? s.value * (s.nodes ?? 0) : s.value), 0);
  const mean = sum / inWindow.length;
  return { value: asTotals ? mean / readyNodes : mean, samples: inWindow.length };
}
