import { cpuPercent, type NodeRuntime, type NodeStats } from '@strato/runtime';
import type { NodeStatsView } from '@strato/contracts';

const MAX_AGE_MS = 30_000;

/** Samples nodes' cgroup counters and turns two samples of the same node into a CPU percentage. */
export class NodeStatsSampler {
  private readonly previous = new Map<string, NodeStats>();

  constructor(private readonly runtime: NodeRuntime) {}

  async sample(nodeId: string): Promise<NodeStatsView | undefined> {
    const current = await this.runtime.stats(nodeId).catch(() => undefined);
    if (!current) {
      this.previous.delete(nodeId);
      return undefined;
    }
    const before = this.previous.get(nodeId);
    this.previous.set(nodeId, current);
    const fresh = before && current.at - before.at <= MAX_AGE_MS && current.at > before.at;
    return {
      at: current.at,
      cpuPercent: fresh ? cpuPercent(before, current) : null,
      cpuSeconds: current.cpuUsageNanos / 1e9,
      cpuQuotaCpus: current.cpuQuotaCpus,
      memoryBytes: current.memoryBytes,
      memoryLimitBytes: current.memoryLimitBytes,
      throttledPeriods: current.throttledPeriods,
      totalPeriods: current.totalPeriods,
    };
  }

  forget(nodeId: string): void {
    this.previous.delete(nodeId);
  }
}
