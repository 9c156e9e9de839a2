import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';
import { type OutcomeCounts, OutcomeTally, type RequestOutcome } from '../measure/outcome-tally';
import type { LatencySummary } from '../measure/latency-histogram';
import { sendRequest } from '../run/send-request';
import { resolveTargets } from '../target/load-target';

export interface CapacityOptions {
  url: string | URL;
  /** Users that each send their next request as soon as the previous one is answered. */
  concurrency: number;
  /** How long throughput is measured, after the warm-up. */
  durationMs: number;
  /** Sent and counted in `sent`, but not in the throughput: the first requests meet cold caches. Default 1000. */
  warmUpMs?: number;
  /** Default 10 000 ms. */
  timeoutMs?: number;
  allowNonLoopback?: boolean;
}

export interface CapacityResult extends OutcomeCounts {
  url: string;
  concurrency: number;
  warmUpMs: number;
  /** The measured window (after the warm-up), ms. */
  durationMs: number;
  /** Requests sent in the warm-up and answered in any way; `sent` counts them too. */
  warmUpSent: number;
  /** 2xx answers completed in the measured window, per second of it: the most the target serves. */
  okPerSecond: number;
  /** Send to answer, in the measured window: in a closed loop nothing waits before it is sent. */
  latency: LatencySummary;
}

/**
 * The throughput a target sustains when it is never idle: a closed loop of `concurrency` users. This
 * is the capacity an open-loop experiment's load is set against (50 %, 70 %, past it), measured rather
 * than assumed. Closed-loop latency is not what users on a schedule see; it is reported as service time.
 */
export async function measureCapacity(options: CapacityOptions): Promise<CapacityResult> {
  const [target] = resolveTargets(options.url, options.allowNonLoopback ?? false);
  const concurrency = options.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InvalidLoadOptionsError(`concurrency must be an integer >= 1, got ${concurrency}`);
  if (!(options.durationMs > 0))
    throw new InvalidLoadOptionsError(`durationMs must be > 0, got ${options.durationMs}`);
  const warmUpMs = options.warmUpMs ?? 1000;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const origin = performance.now();
  const now = () => performance.now() - origin;
  const settings = { agent, timeoutMs: options.timeoutMs ?? 10_000, now };
  const measured = new OutcomeTally();
  const endMs = warmUpMs + options.durationMs;
  let warmUpSent = 0;

  const user = async (): Promise<void> => {
    while (now() < endMs) {
      const sentAtMs = now();
      const inWarmUp = sentAtMs < warmUpMs;
      if (inWarmUp) warmUpSent++;
      else measured.countSent();
      const outcome = await new Promise<RequestOutcome>((resolve) =>
        sendRequest(target.url, settings, resolve),
      );
      // Only answers that end inside the window count towards its throughput.
      if (!inWarmUp && outcome.kind !== 'cancelled' && outcome.endedAtMs <= endMs)
        measured.record(outcome, sentAtMs);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, user));
  } finally {
    agent.destroy();
  }
  const counts = measured.snapshot();
  return {
    ...counts,
    // Every request was sent; the ones answered after the window are in `sent` but not in `completed`.
    intended: counts.intended + warmUpSent,
    sent: counts.sent + warmUpSent,
    url: target.url.toString(),
    concurrency,
    warmUpMs,
    durationMs: options.durationMs,
    warmUpSent,
    okPerSecond: (counts.ok * 1000) / options.durationMs,
  };
}
