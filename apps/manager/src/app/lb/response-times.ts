import { build, type Histogram } from 'hdr-histogram-js';

export interface ResponseTimeSummary {
  /** The look-back the percentiles are over. */
  windowMs: number;
  /** Requests timed: all of them, except HAProxy above 1000 req/s, which times a random 1 in 16. */
  samples: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
}

const BUCKET_MS = 1000;
/** The longest look-back anyone may ask for. */
export const MAX_WINDOW_MS = 60_000;
const HIGHEST_MS = 3_600_000;

const histogram = (): Histogram =>
  build({
    bitBucketSize: 'packed',
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_MS,
    numberOfSignificantValueDigits: 2,
  });

/**
 * Every request's response time per pod, in one-second HDR histograms over the last minute: real
 * percentiles (p90 for the latency metric), where HAProxy's counters only give a running average.
 */
export class ResponseTimes {
  private readonly pods = new Map<string, Map<number, Histogram>>();

  constructor(private readonly now: () => number = Date.now) {}

  record(pod: string, elapsedMs: number): void {
    const bucket = Math.floor(this.now() / BUCKET_MS);
    let buckets = this.pods.get(pod);
    if (!buckets) this.pods.set(pod, (buckets = new Map()));
    let current = buckets.get(bucket);
    if (!current) {
      buckets.set(bucket, (current = histogram()));
      for (const old of buckets.keys()) if (old <= bucket - MAX_WINDOW_MS / BUCKET_MS) buckets.delete(old);
    }
    current.recordValue(Math.min(HIGHEST_MS, Math.max(1, Math.round(elapsedMs))));
  }

  /** Percentiles over the requests that finished in the last `windowMs`; null when there was none. */
  summary(pod: string, windowMs: number): ResponseTimeSummary | null {
    const window = Math.min(windowMs, MAX_WINDOW_MS);
    const oldest = Math.floor((this.now() - window) / BUCKET_MS);
    const merged = histogram();
    for (const [bucket, counts] of this.pods.get(pod) ?? []) if (bucket > oldest) merged.add(counts);
    if (merged.totalCount === 0) return null;
    const at = (percentile: number) => merged.getValueAtPercentile(percentile);
    return { windowMs: window, samples: merged.totalCount, p50Ms: at(50), p90Ms: at(90), p99Ms: at(99) };
  }

  forget(pod: string): void {
    this.pods.delete(pod);
  }
}
