import { LatencyHistogram } from './latency-histogram';

/** One second of the run, for charts. */
export interface TimelineBucket {
  /** Seconds since the start: bucket 0 covers [0 s, 1 s). */
  second: number;
  /** Sent and dropped are counted at their intended send time. */
  sent: number;
  dropped: number;
  /** Outcomes and percentiles are counted at completion time. */
  ok: number;
  failed: number;
  /** Intended-time latency of the responses completed in this second; null when there were none. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** With a latency SLO: requests that missed it, dropped ones at their intended time, the rest at completion. */
  overSlo?: number;
}

/** Per-second buckets; percentiles use one reusable histogram because completions arrive in time order. */
export class Timeline {
  private readonly buckets: TimelineBucket[] = [];
  private readonly open = new LatencyHistogram(2);
  private openSecond = -1;

  /** `withSlo`: buckets count the requests that missed a latency SLO. */
  constructor(private readonly withSlo = false) {}

  countSent(atMs: number): void {
    this.bucket(atMs).sent++;
  }

  countDropped(atMs: number): void {
    const bucket = this.bucket(atMs);
    bucket.dropped++;
    if (bucket.overSlo !== undefined) bucket.overSlo++;
  }

  countOutcome(atMs: number, ok: boolean, latencyMs?: number, missedSlo = false): void {
    const bucket = this.bucket(atMs);
    if (ok) bucket.ok++;
    else bucket.failed++;
    if (missedSlo && bucket.overSlo !== undefined) bucket.overSlo++;
    if (latencyMs === undefined) return;
    if (bucket.second !== this.openSecond) {
      this.closeBefore(bucket.second);
      this.openSecond = bucket.second;
    }
    this.open.record(latencyMs);
  }

  /** Freezes the percentiles of every second before `second`. */
  closeBefore(second: number): void {
    if (this.openSecond < 0 || this.openSecond >= second) return;
    const bucket = this.buckets[this.openSecond];
    bucket.p50Ms = this.open.percentileMs(50);
    bucket.p99Ms = this.open.percentileMs(99);
    this.open.reset();
    this.openSecond = -1;
  }

  /** A copy of the bucket for `second`, if the run has reached it. */
  at(second: number): TimelineBucket | undefined {
    const bucket = this.buckets[second];
    return bucket ? { ...bucket } : undefined;
  }

  snapshot(): TimelineBucket[] {
    this.closeBefore(Number.POSITIVE_INFINITY);
    return this.buckets.map((bucket) => ({ ...bucket }));
  }

  private bucket(atMs: number): TimelineBucket {
    const second = Math.max(0, Math.floor(atMs / 1000));
    for (let s = this.buckets.length; s <= second; s++) {
      this.buckets.push(this.withSlo ? { ...emptyBucket(s), overSlo: 0 } : emptyBucket(s));
    }
    return this.buckets[second];
  }
}

function emptyBucket(second: number): TimelineBucket {
  return { second, sent: 0, dropped: 0, ok: 0, failed: 0, p50Ms: null, p99Ms: null };
}
