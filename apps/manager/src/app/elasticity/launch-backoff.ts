/**
 * Exponential backoff per key for launches that keep failing (client-go's per-item rate limiter):
 * after the n-th failure in a row the next try waits base·2^(n-1), at most max; a success forgets it.
 */
export class LaunchBackoff {
  private readonly failures = new Map<string, { count: number; retryAt: number; reason: string }>();

  constructor(
    private readonly baseMs = 1_000,
    private readonly maxMs = 300_000,
  ) {}

  /** Records a failure at `now` and returns the delay before the next try. */
  failed(key: string, reason: string, now: number): number {
    const count = (this.failures.get(key)?.count ?? 0) + 1;
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(count - 1, 30));
    this.failures.set(key, { count, retryAt: now + delay, reason });
    return delay;
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }

  /** Milliseconds still to wait at `now` (0: may try). */
  waitMs(key: string, now: number): number {
    const failure = this.failures.get(key);
    return failure ? Math.max(0, failure.retryAt - now) : 0;
  }

  forget(key: string): void {
    this.failures.delete(key);
  }
}
