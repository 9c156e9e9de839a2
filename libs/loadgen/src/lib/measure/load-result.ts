import { LatencySummary } from './latency-histogram';
import { OutcomeCounts } from './outcome-tally';
import { TimelineBucket } from './timeline';

export type StopReason = 'duration' | 'max-requests' | 'schedule-end' | 'aborted';

export interface TargetBreakdown extends OutcomeCounts {
  name: string;
  url: string;
  /** Share of the weights, 0..1. */
  share: number;
  latency: LatencySummary;
}

export interface LoadResult extends OutcomeCounts {
  schedule: string;
  startedAt: string;
  stoppedBy: StopReason;
  /** The span arrivals were scheduled over: durationMs, the schedule's length, or until the last send/abort. */
  sendWindowMs: number;
  /** Start to the last request settled. */
  wallTimeMs: number;
  /** Connections open when the first arrival was due (opened before the start, no request sent on them). */
  preconnected?: number;
  /** Time spent opening them, before `startedAt`; in no request's latency and in no rate. */
  preconnectMs?: number;
  /** Time the generator spent warming up its own code before `startedAt` (0: no fast start, or already warm). */
  warmUpMs?: number;
  /** Scheduled arrivals (sent + dropped) per second of the send window. */
  intendedRatePerSecond: number;
  /** Requests actually sent per second of the send window. */
  achievedRatePerSecond: number;
  /** Responses (any status) per second of wall time: a count over time, never 1 / latency. */
  throughputPerSecond: number;
  /** 2xx responses per second of wall time. */
  okThroughputPerSecond: number;
  maxInFlightSeen: number;
  /** From the intended send time to the end of the response: what a user on that schedule waits. */
  latency: LatencySummary;
  /** From the request being written on a connected socket to the end of the response. */
  serviceTime: LatencySummary;
  /** From the intended send time to the call that sent it: the generator's own lateness. */
  sendLag: LatencySummary;
  timeline: TimelineBucket[];
  targets: TargetBreakdown[];
}

export interface LoadProgress {
  elapsedMs: number;
  intended: number;
  sent: number;
  dropped: number;
  completed: number;
  ok: number;
  failed: number;
  inFlight: number;
  /** The last full second, once there is one. */
  lastSecond?: TimelineBucket;
}
