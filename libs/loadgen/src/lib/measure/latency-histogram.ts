import { build, Histogram } from 'hdr-histogram-js';

export interface LatencySummary {
  count: number;
  minMs: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

// Microsecond resolution up to one hour; longer values are clamped rather than thrown by the histogram.
const MAX_MICROS = 3_600_000_000;

/** An HDR histogram of durations, recorded in ms and kept in µs. */
export class LatencyHistogram {
  private readonly histogram: Histogram;

  constructor(significantDigits: 2 | 3 = 3) {
    this.histogram = build({
      autoResize: false,
      lowestDiscernibleValue: 1,
      highestTrackableValue: MAX_MICROS,
      numberOfSignificantValueDigits: significantDigits,
    });
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  record(durationMs: number): void {
    this.histogram.recordValue(Math.min(MAX_MICROS, Math.max(1, Math.round(durationMs * 1000))));
  }

  percentileMs(percentile: number): number {
    return this.histogram.getValueAtPercentile(percentile) / 1000;
  }

  summary(): LatencySummary {
    const h = this.histogram;
    if (h.totalCount === 0)
      return { count: 0, minMs: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0 };
    return {
      count: h.totalCount,
      minMs: h.minNonZeroValue / 1000,
      meanMs: h.mean / 1000,
      p50Ms: this.percentileMs(50),
      p90Ms: this.percentileMs(90),
      p99Ms: this.percentileMs(99),
      p999Ms: this.percentileMs(99.9),
      maxMs: h.maxValue / 1000,
    };
  }

  reset(): void {
    this.histogram.reset();
  }
}
