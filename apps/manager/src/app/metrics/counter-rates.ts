/**
 * Per-second rates of cumulative counters (the balancer's 5xx count per server) between two readings.
 * A key's first reading is only its baseline, and so is a reading below the previous one (a counter
 * that restarted): neither is a rate, and a node that rejoins with its old count is no burst of errors.
 */
export class CounterRates {
  private readonly last = new Map<string, { at: number; value: number }>();

  rate(key: string, value: number, at: number): number {
    const previous = this.last.get(key);
    this.last.set(key, { at, value });
    if (!previous || value < previous.value || at <= previous.at) return 0;
    return ((value - previous.value) * 1000) / (at - previous.at);
  }

  /** Forgets every key not in `keys` (servers that left), so the map does not grow forever. */
  retain(keys: ReadonlySet<string>): void {
    for (const key of this.last.keys()) if (!keys.has(key)) this.last.delete(key);
  }
}
