import type { MetricSample } from '@strato/elasticity';

const KEEP_MS = 5 * 60_000;

/** Short per-pod windows of metric samples, in memory: elasticity needs seconds to minutes of history. */
export class MetricWindows {
  private readonly windows = new Map<string, MetricSample[]>();

  add(pod: string, sample: MetricSample): void {
    const window = this.windows.get(pod) ?? [];
    window.push(sample);
    while (window.length > 0 && window[0].at < sample.at - KEEP_MS) window.shift();
    this.windows.set(pod, window);
  }

  samples(pod: string): readonly MetricSample[] {
    return this.windows.get(pod) ?? [];
  }

  clear(pod: string): void {
    this.windows.delete(pod);
  }
}
