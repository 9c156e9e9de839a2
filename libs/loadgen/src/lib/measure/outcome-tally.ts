import { LatencyHistogram, LatencySummary } from './latency-histogram';

/** What happened to one request after it was sent. Times are ms from the run's start. */
export type RequestOutcome =
  | { kind: 'response'; status: number; sentAtMs: number; endedAtMs: number }
  | { kind: 'error'; code: string; endedAtMs: number }
  | { kind: 'cancelled' };

export interface OutcomeCounts {
  intended: number;
  sent: number;
  /** Due while `maxInFlight` requests were outstanding, so never sent. */
  dropped: number;
  /** HTTP responses of any status. */
  completed: number;
  /** 2xx responses. */
  ok: number;
  /** Non-2xx responses plus transport errors. */
  failed: number;
  /** Transport errors: refused, reset, timeout… */
  errored: number;
  /** In flight when the run was aborted. */
  cancelled: number;
  statusCounts: Record<string, number>;
  errorCounts: Record<string, number>;
  /** With a latency SLO: requests that got no 2xx answer within it (slow, failed or dropped). */
  overSlo?: number;
}

/** Whether a settled request missed the SLO: anything but a 2xx answer within `sloMs` of its intended time. */
export function missedSlo(outcome: RequestOutcome, intendedAtMs: number, sloMs: number): boolean {
  if (outcome.kind === 'cancelled') return false;
  if (outcome.kind === 'error' || outcome.status < 200 || outcome.status >= 300) return true;
  return outcome.endedAtMs - intendedAtMs > sloMs;
}

/** Counts and intended-time latency for a set of requests (the whole run, or one target). */
export class OutcomeTally {
  private readonly counts: OutcomeCounts = {
    intended: 0,
    sent: 0,
    dropped: 0,
    completed: 0,
    ok: 0,
    failed: 0,
    errored: 0,
    cancelled: 0,
    statusCounts: {},
    errorCounts: {},
  };
  readonly latency = new LatencyHistogram();

  constructor(private readonly sloMs?: number) {
    if (sloMs !== undefined) this.counts.overSlo = 0;
  }

  countDropped(): void {
    this.counts.intended++;
    this.counts.dropped++;
    if (this.counts.overSlo !== undefined) this.counts.overSlo++;
  }

  countSent(): void {
    this.counts.intended++;
    this.counts.sent++;
  }

  /** Latency runs from the intended send time, so a stalled server or client is charged in full. */
  record(outcome: RequestOutcome, intendedAtMs: number): void {
    const c = this.counts;
    if (this.sloMs !== undefined && missedSlo(outcome, intendedAtMs, this.sloMs))
      c.overSlo = (c.overSlo ?? 0) + 1;
    if (outcome.kind === 'cancelled') {
      c.cancelled++;
    } else if (outcome.kind === 'error') {
      c.errored++;
      c.failed++;
      c.errorCounts[outcome.code] = (c.errorCounts[outcome.code] ?? 0) + 1;
    } else {
      c.completed++;
      if (outcome.status >= 200 && outcome.status < 300) c.ok++;
      else c.failed++;
      c.statusCounts[outcome.status] = (c.statusCounts[outcome.status] ?? 0) + 1;
      this.latency.record(outcome.endedAtMs - intendedAtMs);
    }
  }

  snapshot(): OutcomeCounts & { latency: LatencySummary } {
    const c = this.counts;
    return {
      ...c,
      statusCounts: { ...c.statusCounts },
      errorCounts: { ...c.errorCounts },
      latency: this.latency.summary(),
    };
  }

  countsNow(): Readonly<OutcomeCounts> {
    return this.counts;
  }
}
