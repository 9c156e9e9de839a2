import { LoadProgress } from '../measure/load-result';
import { ArrivalSchedule, takeOffsets } from '../schedule/arrival-schedule';
import { LoadTarget, ResolvedTarget, resolveTargets } from '../target/load-target';
import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';

export interface RunLoadOptions {
  target: LoadTarget;
  schedule: ArrivalSchedule;
  /** Arrivals are scheduled only before this; at least one bound (or a finite schedule) is required. */
  durationMs?: number;
  /** Cap on scheduled arrivals, sent or dropped. */
  maxRequests?: number;
  /** Arrivals due while this many requests are outstanding are dropped, not sent. Default 1024. */
  maxInFlight?: number;
  /** Whole-request deadline. Default 10 000 ms. */
  timeoutMs?: number;
  /** Keep-alive sockets per host; high by default so requests do not queue client-side. Default 256. */
  maxSockets?: number;
  /**
   * Connections opened per origin before the first arrival, so the start is not a burst of handshakes
   * made by code that is not yet optimized. Default: the arrivals due in the first 25 ms (1..maxSockets); 0 for none.
   */
  preconnect?: number;
  /**
   * Whether a fast start (1,000+ arrivals in the first second) is preceded by the generator warming
   * up its own code on a private in-process server (2 s, once per process and rate). Default true.
   */
  warmUp?: boolean;
  /** A latency SLO (ms from the intended send time): the result then counts the requests that missed it. */
  sloMs?: number;
  /** Seeds the weighted choice of target, so a mix is reproducible. Default 1. */
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  /** Default 1000 ms. */
  progressIntervalMs?: number;
  /** Load goes to loopback addresses only unless this is true. */
  allowNonLoopback?: boolean;
}

export interface LoadPlan {
  targets: ResolvedTarget[];
  schedule: ArrivalSchedule;
  durationMs?: number;
  maxRequests?: number;
  maxInFlight: number;
  timeoutMs: number;
  maxSockets: number;
  preconnect: number;
  warmUp: boolean;
  sloMs?: number;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  progressIntervalMs: number;
}

export function planLoad(options: RunLoadOptions): LoadPlan {
  const { durationMs, maxRequests, schedule } = options;
  if (durationMs === undefined && maxRequests === undefined && schedule.durationMs === undefined) {
    throw new InvalidLoadOptionsError(
      `unbounded run: give durationMs or maxRequests for "${schedule.label}"`,
    );
  }
  if (durationMs !== undefined) positive('durationMs', durationMs);
  if (maxRequests !== undefined) positiveInteger('maxRequests', maxRequests);
  const maxSockets = positiveInteger('maxSockets', options.maxSockets ?? 256);
  const plan: LoadPlan = {
    targets: resolveTargets(options.target, options.allowNonLoopback ?? false),
    schedule,
    durationMs,
    maxRequests,
    maxInFlight: positiveInteger('maxInFlight', options.maxInFlight ?? 1024),
    timeoutMs: positive('timeoutMs', options.timeoutMs ?? 10_000),
    maxSockets,
    preconnect:
      options.preconnect === undefined
        ? defaultPreconnect(schedule, Math.min(maxSockets, maxRequests ?? maxSockets))
        : Math.min(maxSockets, nonNegativeInteger('preconnect', options.preconnect)),
    warmUp: options.warmUp ?? true,
    sloMs: options.sloMs === undefined ? undefined : positive('sloMs', options.sloMs),
    seed: options.seed ?? 1,
    signal: options.signal,
    onProgress: options.onProgress,
    progressIntervalMs: positive('progressIntervalMs', options.progressIntervalMs ?? 1000),
  };
  return plan;
}

const PRECONNECT_HORIZON_MS = 25;

/** Enough connections to ride out a 25 ms stall at the starting rate without opening any mid-run. */
function defaultPreconnect(schedule: ArrivalSchedule, most: number): number {
  const early = takeOffsets(schedule, { durationMs: PRECONNECT_HORIZON_MS, maxCount: most }).length;
  return Math.max(1, early);
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new InvalidLoadOptionsError(`${name} must be an integer >= 0, got ${value}`);
  return value;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new InvalidLoadOptionsError(`${name} must be > 0, got ${value}`);
  return value;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidLoadOptionsError(`${name} must be an integer >= 1, got ${value}`);
  return value;
}
