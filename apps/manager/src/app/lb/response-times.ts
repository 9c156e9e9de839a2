import { build, type Histogram } from 'hdr-histogram-js';

export interface ResponseTimeSummary {
  /** The look-back the percentiles are over. */
  windowMs: number;
  /**
   * Requests timed: all of them, except a pod above 500 req/s behind HAProxy, which times a random
   * 1 in floor(rate / 250) (250 to 500 a second); the percentiles count each as that many requests.
   */
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

interface Bucket {
  /** Weighted: a request timed 1 in N counts N times, so the percentiles are those of every request. */
  times: Histogram;
  samples: number;
}

/**
 * Every request's response time per pod, in one-second HDR histograms over the last minute: real
 * percentiles (p90 for the latency metric), where HAProxy's counters only give a running average.
 */
export class ResponseTimes {
  private readonly pods = new Map<string, Map<number, Bucket>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** `weight`: how many requests this one stands for (it was timed 1 in `weight`). */
  record(pod: string, elapsedMs: number, weight = 1): void {
    const second = Math.floor(this.now() / BUCKET_MS);
    let buckets = this.pods.get(pod);
    if (!buckets) this.pods.set(pod, (buckets = new Map()));
    let current = buckets.get(second);
    if (!current) {
      buckets.set(second, (current = { times: histogram(), samples: 0 }));
      for (const old of buckets.keys()) if (old <= second - MAX_WINDOW_MS / BUCKET_MS) buckets.delete(old);
    }
    current.samples += 1;
    const value = Math.min(HIGHEST_MS, Math.max(1, Math.round(elapsedMs)));
    current.times.recordValueWithCount(value, Math.max(1, Math.round(weight)));
  }

  /** Percentiles over the requests that finished in the last `windowMs`; null when there was none. */
  summary(pod: string, windowMs: number): ResponseTimeSummary | null {
    const window = Math.min(windowMs, MAX_WINDOW_MS);
    const oldest = Math.floor((this.now() - window) / BUCKET_MS);
    const merged = histogram();
    let samples = 0;
    for (const [second, bucket] of this.pods.get(pod) ?? []) {
      if (second <= oldest) continue;
      merged.add(bucket.times);
      samples += bucket.samples;
    }
    if (samples === 0) return null;
    const at = (percentile: number) => merged.getValueAtPercentile(percentile);
    return { windowMs: window, samples, p50Ms: at(50), p90Ms: at(90), p99Ms: at(99) };
  }

  forget(pod: string): void {
    this.pods.delete(pod);
  }
}
