/**
 * Runs `load` at most once per `maxAgeMs`: callers in between share the last value, and callers during
 * a run share that run. A failed run is not kept; the next caller tries again.
 */
export class Throttled<T> {
  private last: { value: T; at: number } | undefined;
  private running: Promise<T> | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The last value while it is younger than `maxAgeMs`, else a fresh one. */
  get(): Promise<T> {
    if (this.last && this.now() - this.last.at < this.maxAgeMs) return Promise.resolve(this.last.value);
    return this.refresh();
  }

  /** A fresh value (or the one being loaded), kept for the callers that follow. */
  refresh(): Promise<T> {
    this.running ??= this.load()
      .then((value) => {
        this.last = { value, at: this.now() };
        return value;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
