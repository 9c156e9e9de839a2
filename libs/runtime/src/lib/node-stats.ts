/** Where a sample came from: the node's cgroup files, the Engine stats API (slow fallback), /proc (no cgroup). */
export type NodeStatsSource = 'cgroup' | 'engine-api' | 'proc';

/** One resource sample of a node. Two samples give rates: see cpuPercent. */
export interface NodeStats {
  nodeId: string;
  /** When the sample was taken, ms since the epoch. */
  at: number;
  /** CPU time used since the node (re)started, cumulative. */
  cpuUsageNanos: number;
  /** The CFS cap in CPUs (0.3 = 30 % of one core), null when uncapped. */
  cpuQuotaCpus: number | null;
  /** Working set: usage minus inactive file cache, as `docker stats` shows it. */
  memoryBytes: number;
  memoryLimitBytes: number | null;
  /** CFS periods in which the node was throttled, and all periods it ran in; cumulative. */
  throttledPeriods: number;
  totalPeriods: number;
  source: NodeStatsSource;
}

/** CPU used between two samples of the same node as a percentage of one core (30 = 0.3 CPU); 0 if time did not advance. */
export function cpuPercent(previous: NodeStats, current: NodeStats): number {
  const elapsedNanos = (current.at - previous.at) * 1e6;
  const usedNanos = current.cpuUsageNanos - previous.cpuUsageNanos;
  // A restart resets the cumulative counter; a negative delta is not usage.
  if (elapsedNanos <= 0 || usedNanos < 0) return 0;
  return (usedNanos / elapsedNanos) * 100;
}
