/**
 * Serialises async sections per key: sections for one key run one at a time, in call order, while
 * different keys run concurrently. A failed section does not block the next.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, section: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(section, section);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Whether a section for this key is running or waiting. */
  isHeld(key: string): boolean {
    return this.tails.has(key);
  }
}
