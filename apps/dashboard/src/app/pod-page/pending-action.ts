import { computed, signal } from '@angular/core';
import { StratoApiError } from '@strato/api-client';
import { describeFailure } from '../api/api-errors';

/** The manager's own words when it answered; otherwise what went wrong on the way. */
export function messageOf(error: unknown): string {
  return error instanceof StratoApiError ? error.message : describeFailure(error);
}

/** One control's request to the manager: whether it is out, and how the last one failed. */
export class PendingAction {
  private readonly running = signal(false);
  // Wrapped: a rejection with `undefined` is still a failure.
  private readonly lastFailure = signal<{ readonly error: unknown } | null>(null);

  readonly busy = this.running.asReadonly();
  readonly failure = computed(() => this.lastFailure()?.error ?? null);
  readonly message = computed(() => {
    const failure = this.lastFailure();
    return failure ? messageOf(failure.error) : null;
  });

  /** Runs `task` unless one is out; resolves whether it succeeded. */
  async run(task: () => Promise<unknown>): Promise<boolean> {
    if (this.running()) return false;
    this.running.set(true);
    this.lastFailure.set(null);
    try {
      await task();
      return true;
    } catch (error: unknown) {
      this.lastFailure.set({ error });
      return false;
    } finally {
      this.running.set(false);
    }
  }
}
