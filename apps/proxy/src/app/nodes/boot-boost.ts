/** How long a node may boot under its boost; then its own cap applies anyway (the manager's health wait decides). */
export const BOOT_BOOST_MAX_MS = 10_000;
const POLL_MS = 10;

/** The CPUs a node of `cpus` boots with: the agent's boot CPUs, never above the host's, or no boost at all. */
export function bootCpusFor(configured: number, cpus: number, hostCpus: number): number | undefined {
  const boot = Math.min(configured, hostCpus);
  return boot > cpus ? boot : undefined;
}

/** Polls the node's own /ready until it answers 200 naming the node, or maxMs passes; never throws. */
export async function waitUntilReady(
  url: string,
  nodeId: string,
  maxMs = BOOT_BOOST_MAX_MS,
): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      const body = (await response.json()) as { node?: string };
      if (response.ok && body.node === nodeId) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return false;
}
