import { performance } from 'node:perf_hooks';
import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';
import { type OutcomeCounts, OutcomeTally, type RequestOutcome } from '../measure/outcome-tally';
import type { LatencySummary } from '../measure/latency-histogram';
import { HttpSender } from '../run/http-sender';
import { resolveTargets } from '../target/load-target';

export interface CapacityOptions {
  url: string | URL;
  /** Users that each send their next request as soon as the previous one is answered. */
  concurrency: number;
  /** How long throughput is measured, after the warm-up. */
  durationMs: number;
  /**
   * The warm-up lasts until the answers per second settle (three seconds in a row within 5 % of their
   * mean: fresh servers run cold code, a JIT warms up) or this long. Default 15 000 ms; 0: none.
   */
  maxWarmUpMs?: number;
  /** Default 10 000 ms. */
  timeoutMs?: number;
  allowNonLoopback?: boolean;
}

export interface CapacityResult extends OutcomeCounts {
  url: string;
  concurrency: number;
  /** How long the warm-up took, and whether the rate had settled by then. */
  warmUpMs: number;
  warmUpSettled: boolean;
  /** The measured window (after the warm-up), ms. */
  durationMs: number;
  /** 2xx answers completed in the measured window, per second of it: the most the target serves. */
  okPerSecond: number;
  /** Send to answer of the requests completed in the window: in a closed loop nothing waits before it is sent. */
  latency: LatencySummary;
}

const SETTLE_WINDOWS = 3;
const SETTLE_SPREAD = 0.05;

/** Whether the last windows' answer counts are within the spread of their mean. */
function settled(perSecond: number[]): boolean {
  if (perSecond.length < SETTLE_WINDOWS) return false;
  const last = perSecond.slice(-SETTLE_WINDOWS);
  const mean = last.reduce((a, b) => a + b, 0) / last.length;
  return mean > 0 && last.every((n) => Math.abs(n - mean) <= SETTLE_SPREAD * mean);
}

/**
 * The throughput a target sustains when it is never idle: a closed loop of `concurrency` users, measured
 * once it has warmed up. This is the capacity an open-loop experiment's load is set against (50 %, 70 %,
 * past it), measured rather than assumed. Every request sent, warm-up included, is in `sent` (what the
 * target's own counters see); throughput and latency are of the answers completed in the window.
 */
export async function measureCapacity(options: CapacityOptions): Promise<CapacityResult> {
  const [target] = resolveTargets(options.url, options.allowNonLoopback ?? false);
  const concurrency = options.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InvalidLoadOptionsError(`concurrency must be an integer >= 1, got ${concurrency}`);
  if (!(options.durationMs > 0))
    throw new InvalidLoadOptionsError(`durationMs must be > 0, got ${options.durationMs}`);
  const maxWarmUpMs = options.maxWarmUpMs ?? 15_000;
  const origin = performance.now();
  const now = () => performance.now() - origin;
  const sender = new HttpSender({ connections: concurrency, timeoutMs: options.timeoutMs ?? 10_000, now });
  const measured = new OutcomeTally();
  let sent = 0;
  let window: { startMs: number; endMs: number } | undefined;
  let warmUpSettled = maxWarmUpMs === 0;
  const answeredPerSecond: number[] = [];
  if (maxWarmUpMs === 0) window = { startMs: 0, endMs: options.durationMs };

  // A timer may fire up to a millisecond before performance.now() reaches its deadline (Node's timers
  // run off a cached loop clock): wait again for the rest, so a second is judged only once it is whole.
  const until = async (ms: number): Promise<void> => {
    while (now() < ms) await new Promise((resolve) => setTimeout(resolve, Math.max(1, ms - now())));
  };
  const user = async (): Promise<void> => {
    while (!window || now() < window.endMs) {
      const sentAtMs = now();
      sent++;
      const outcome = await new Promise<RequestOutcome>((resolve) => sender.send(target.url, resolve));
      if (outcome.kind === 'cancelled') continue;
      if (!window) {
        const second = Math.floor(outcome.endedAtMs / 1000);
        answeredPerSecond[second] = (answeredPerSecond[second] ?? 0) + 1;
      } else if (outcome.endedAtMs >= window.startMs && outcome.endedAtMs <= window.endMs) {
        measured.countSent();
        measured.record(outcome, sentAtMs);
      }
    }
  };
  const warmUp = async (): Promise<void> => {
    for (let second = 1; !window; second++) {
      await until(second * 1000);
      // Whole seconds only: the one in progress is not counted yet.
      const full = Array.from({ length: second }, (_, s) => answeredPerSecond[s] ?? 0);
      warmUpSettled = settled(full);
      if (warmUpSettled || now() >= maxWarmUpMs)
        window = { startMs: now(), endMs: now() + options.durationMs };
    }
  };
  try {
    await Promise.all([warmUp(), ...Array.from({ length: concurrency }, user)]);
  } finally {
    await sender.destroy();
  }
  const counts = measured.snapshot();
  const { startMs } = window as { startMs: number };
  return {
    ...counts,
    intended: sent,
    sent,
    url: target.url.toString(),
    concurrency,
    warmUpMs: Math.round(startMs),
    warmUpSettled,
    durationMs: options.durationMs,
    okPerSecond: (counts.ok * 1000) / options.durationMs,
  };
}
