/** Polls `check` until it holds (true) or the deadline passes (false). */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs: number; pollMs?: number },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 25));
  }
}
