/**
 * Makes every timer of at least `fromMs` fire `byMs` early, as Node's can: they run off the event loop's
 * cached clock, which may trail performance.now(). Returns the undo; call it in a `finally`.
 */
export function timersFiringEarly(byMs: number, fromMs: number): () => void {
  const realSetTimeout = global.setTimeout;
  const early = jest
    .spyOn(global, 'setTimeout')
    .mockImplementation(((fn: () => void, ms?: number, ...args: unknown[]) =>
      realSetTimeout(fn, ms !== undefined && ms >= fromMs ? ms - byMs : ms, ...args)) as typeof setTimeout);
  return () => early.mockRestore();
}
