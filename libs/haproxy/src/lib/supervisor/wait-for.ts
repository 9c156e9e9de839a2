import { HaproxyProcessError } from '../errors';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Stops waiting early with this error (e.g. the process exited). */
  abort?: () => Error | null;
}

/**
 * Polls `probe` until it returns a value other than undefined. Errors thrown by the probe count as "not
 * yet" (a socket that does not exist yet); the last one is reported on timeout.
 */
export async function waitFor<T>(
  description: string,
  probe: () => Promise<T | undefined>,
  options: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    const aborted = options.abort?.();
    if (aborted) throw aborted;
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new HaproxyProcessError(
        `timed out after ${options.timeoutMs} ms waiting for ${description}${why}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}
