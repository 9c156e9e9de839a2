/**
 * Turns counters that restart from 0 (HAProxy's, on every reload and restart) into totals that only grow.
 * A known reset is announced with rebase(); an unannounced one shows as a value going down.
 */
export class MonotonicCounters {
  private readonly counters = new Map<string, { base: number; last: number }>();

  /** The running total for `key` given haproxy's current raw value. */
  observe(key: string, raw: number): number {
    const counter = this.counters.get(key) ?? { base: 0, last: 0 };
    if (raw < counter.last) counter.base += counter.last;
    counter.last = raw;
    this.counters.set(key, counter);
    return counter.base + raw;
  }

  /** The running total without a new reading (e.g. the row is missing while haproxy restarts). */
  current(key: string): number {
    const counter = this.counters.get(key);
    return counter ? counter.base + counter.last : 0;
  }

  /** The raw counters are about to restart from 0: keep what they counted so far. */
  rebase(): void {
    for (const counter of this.counters.values()) {
      counter.base += counter.last;
      counter.last = 0;
    }
  }

  forget(prefix: string): void {
    for (const key of this.counters.keys()) if (key.startsWith(prefix)) this.counters.delete(key);
  }
}
