const SLOT_MS = 100;
const SLOTS = 10;
/** HAProxy averages its timers over the last 1024 requests. */
const AVERAGE_WINDOW = 1024;

/** One node's counters in the embedded balancer, matching the HAProxy `show stat` fields we report. */
export class EmbeddedServerStats {
  total = 0;
  http5xx = 0;
  private responses = 0;
  private averageMs = 0;
  private readonly slots = Array.from({ length: SLOTS }, () => ({ slot: -1, count: 0 }));

  constructor(private readonly now: () => number = Date.now) {}

  requestStarted(): void {
    this.total += 1;
    const slot = Math.floor(this.now() / SLOT_MS);
    const bucket = this.slots[slot % SLOTS];
    if (bucket.slot !== slot) Object.assign(bucket, { slot, count: 0 });
    bucket.count += 1;
  }

  /** A node's response headers arrived after `elapsedMs`. */
  responded(status: number, elapsedMs: number): void {
    if (status >= 500) this.http5xx += 1;
    // HAProxy's sliding average: the plain mean until the window is full, then each new value weighs 1/1024.
    this.responses += 1;
    this.averageMs += (elapsedMs - this.averageMs) / Math.min(this.responses, AVERAGE_WINDOW);
  }

  /** The balancer answered 502/504 itself for this node. */
  failed(): void {
    this.http5xx += 1;
  }

  /** Requests started in the last second (the current 100 ms slot and the nine before it). */
  requestRate(): number {
    const current = Math.floor(this.now() / SLOT_MS);
    return this.slots.reduce((sum, b) => (b.slot > current - SLOTS ? sum + b.count : sum), 0);
  }

  responseTimeMs(): number {
    return Math.round(this.averageMs);
  }
}
