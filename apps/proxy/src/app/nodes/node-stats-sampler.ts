import { cpuPercent, type NodeRuntime, type NodeStats } from '@strato/runtime';
import type { NodeStatsView } from '@strato/contracts';

const MAX_AGE_MS = 30_000;
/**
 * A sample asked for sooner than this after the last one is that one again. Several readers ask each
 * second (the manager's metrics sampler, elasticity, the usage route): without it each would take the
 * CPU over the few milliseconds since another's read, which is noise, not use.
 */
export const MIN_SAMPLE_PERIOD_MS = 500;

/** Samples nodes' cgroup counters and turns two samples of the same node into a CPU percentage. */
export class NodeStatsSampler {
  private readonly previous = new Map<string, { stats: NodeStats; view: NodeStatsView; takenAt: number }>();

  constructor(
    private readonly runtime: NodeRuntime,
    private readonly now: () => number = Date.now,
  ) {}

  async sample(nodeId: string): Promise<NodeStatsView | undefined> {
    const last = this.previous.get(nodeId);
    if (last && this.now() - last.takenAt < MIN_SAMPLE_PERIOD_MS) return last.view;
    const current = await this.runtime.stats(nodeId).catch(() => undefined);
    if (!current) {
      this.previous.delete(nodeId);
      return undefined;
    }
    const before = last?.stats;
    const fresh = before && current.at - before.at <= MAX_AGE_MS && current.at > before.at;
    const view: NodeStatsView = {
      at: current.at,
      cpuPercent: fresh ? cpuPercent(before, current) : null,
      cpuSeconds: current.cpuUsageNanos / 1e9,
      cpuQuotaCpus: current.cpuQuotaCpus,
      memoryBytes: current.memoryBytes,
      memoryLimitBytes: current.memoryLimitBytes,
      throttledPeriods: current.throttledPeriods,
      totalPeriods: current.totalPeriods,
    };
    this.previous.set(nodeId, { stats: current, view, takenAt: this.now() });
    return view;
  }

  forget(nodeId: string): void {
    this.previous.delete(nodeId);
  }
}
