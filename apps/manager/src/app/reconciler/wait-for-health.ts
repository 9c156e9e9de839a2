/** Polls a node's own `/health` until it answers 200 naming the node, or the deadline passes. */
export async function waitForHealth(
  url: string,
  nodeId: string,
  timeoutMs: number,
  intervalMs = 50,
): Promise<{ healthy: true } | { healthy: false; lastError: string }> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(Math.min(1000, timeoutMs)) });
      const body = (await response.json()) as { node?: string };
      if (response.ok && body.node === nodeId) return { healthy: true };
      lastError = `health answered ${response.status} for node ${body.node ?? '?'}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return { healthy: false, lastError };
}
