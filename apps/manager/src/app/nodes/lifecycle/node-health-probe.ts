import { Injectable } from '@nestjs/common';

export type HealthOutcome = { healthy: true } | { healthy: false; lastError: string };

/** Polls a node's own `/ready` until it answers 200 naming the node, the deadline passes or signal aborts. */
@Injectable()
export class NodeHealthProbe {
  async waitHealthy(
    url: string,
    nodeId: string,
    timeoutMs: number,
    signal: AbortSignal,
    intervalMs = 50,
  ): Promise<HealthOutcome> {
    const deadline = Date.now() + timeoutMs;
    let lastError = 'no answer';
    while (Date.now() < deadline && !signal.aborted) {
      try {
        const response = await fetch(url, {
          signal: AbortSignal.any([signal, AbortSignal.timeout(Math.min(1000, timeoutMs))]),
        });
        const body = (await response.json()) as { node?: string };
        if (response.ok && body.node === nodeId) return { healthy: true };
        lastError = `health answered ${response.status} for node ${body.node ?? '?'}`;
      } catch (error) {
        lastError = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    return { healthy: false, lastError: signal.aborted ? 'launch cancelled' : lastError };
  }
}
