export interface StopSignal {
  signal: AbortSignal;
  /** Forgets the Ctrl-C handler and the timer, so the next Ctrl-C (at the cloud> prompt) is not swallowed. */
  dispose(): void;
}

/** Aborts on Ctrl-C (SIGINT), or after `seconds` when given, whichever comes first. */
export function stopSignal(seconds?: number): StopSignal {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  const timer = seconds === undefined ? undefined : setTimeout(stop, seconds * 1000);
  return {
    signal: controller.signal,
    dispose: () => {
      process.removeListener('SIGINT', stop);
      clearTimeout(timer);
    },
  };
}
