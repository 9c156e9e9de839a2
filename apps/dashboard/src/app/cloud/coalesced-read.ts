/**
 * A read of the manager that is asked for often (on every announced change, every poll): at most one
 * is out at a time, and asks that come while one is out collapse into one more read after it (the
 * change may have landed after the read that is out started).
 */
export class CoalescedRead {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly read: () => Promise<void>) {}

  get busy(): boolean {
    return this.running !== null;
  }

  /** Read now, or once more right after the read that is out. */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      await this.read();
    } while (this.again);
  }
}
