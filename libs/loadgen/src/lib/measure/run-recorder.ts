import { ResolvedTarget } from '../target/load-target';
import { LatencyHistogram } from './latency-histogram';
import { LoadProgress, LoadResult, StopReason } from './load-result';
import { missedSlo, OutcomeTally, RequestOutcome } from './outcome-tally';
import { Timeline } from './timeline';

export interface RunSpan {
  schedule: string;
  startedAt: Date;
  stoppedBy: StopReason;
  sendWindowMs: number;
  wallTimeMs: number;
  preconnected: number;
  preconnectMs: number;
}

/** Everything measured during one run; times are ms from the run's start. */
export class RunRecorder {
  private readonly total: OutcomeTally;
  private readonly byTarget = new Map<ResolvedTarget, OutcomeTally>();
  private readonly serviceTime = new LatencyHistogram();
  private readonly sendLag = new LatencyHistogram();
  private readonly timeline: Timeline;
  private maxInFlightSeen = 0;

  /** `sloMs`: also count the requests that miss this latency SLO, in all and per second. */
  constructor(
    private readonly targets: readonly ResolvedTarget[],
    private readonly sloMs?: number,
  ) {
    this.total = new OutcomeTally(sloMs);
    this.timeline = new Timeline(sloMs !== undefined);
    for (const target of targets) this.byTarget.set(target, new OutcomeTally(sloMs));
  }

  dropped(target: ResolvedTarget, intendedAtMs: number): void {
    this.total.countDropped();
    this.tally(target).countDropped();
    this.timeline.countDropped(intendedAtMs);
  }

  sent(target: ResolvedTarget, intendedAtMs: number, sentAtMs: number, inFlight: number): void {
    this.total.countSent();
    this.tally(target).countSent();
    this.timeline.countSent(intendedAtMs);
    this.sendLag.record(sentAtMs - intendedAtMs);
    this.maxInFlightSeen = Math.max(this.maxInFlightSeen, inFlight);
  }

  settled(target: ResolvedTarget, intendedAtMs: number, outcome: RequestOutcome): void {
    this.total.record(outcome, intendedAtMs);
    this.tally(target).record(outcome, intendedAtMs);
    const missed = this.sloMs !== undefined && missedSlo(outcome, intendedAtMs, this.sloMs);
    if (outcome.kind === 'error') this.timeline.countOutcome(outcome.endedAtMs, false, undefined, missed);
    if (outcome.kind !== 'response') return;
    const ok = outcome.status >= 200 && outcome.status < 300;
    this.timeline.countOutcome(outcome.endedAtMs, ok, outcome.endedAtMs - intendedAtMs, missed);
    this.serviceTime.record(outcome.endedAtMs - outcome.sentAtMs);
  }

  progress(elapsedMs: number, inFlight: number): LoadProgress {
    const second = Math.floor(elapsedMs / 1000);
    this.timeline.closeBefore(second);
    const { intended, sent, dropped, completed, ok, failed } = this.total.countsNow();
    const lastSecond = second > 0 ? this.timeline.at(second - 1) : undefined;
    return {
      elapsedMs,
      intended,
      sent,
      dropped,
      completed,
      ok,
      failed,
      inFlight,
      ...(lastSecond && { lastSecond }),
    };
  }

  result(span: RunSpan): LoadResult {
    const counts = this.total.snapshot();
    const totalWeight = this.targets.reduce((sum, t) => sum + t.weight, 0);
    const perSecond = (count: number, ms: number) => (ms > 0 ? (count * 1000) / ms : 0);
    return {
      ...counts,
      schedule: span.schedule,
      startedAt: span.startedAt.toISOString(),
      stoppedBy: span.stoppedBy,
      sendWindowMs: span.sendWindowMs,
      wallTimeMs: span.wallTimeMs,
      preconnected: span.preconnected,
      preconnectMs: span.preconnectMs,
      intendedRatePerSecond: perSecond(counts.intended, span.sendWindowMs),
      achievedRatePerSecond: perSecond(counts.sent, span.sendWindowMs),
      throughputPerSecond: perSecond(counts.completed, span.wallTimeMs),
      okThroughputPerSecond: perSecond(counts.ok, span.wallTimeMs),
      maxInFlightSeen: this.maxInFlightSeen,
      serviceTime: this.serviceTime.summary(),
      sendLag: this.sendLag.summary(),
      timeline: this.timeline.snapshot(),
      targets: this.targets.map((target) => ({
        ...this.tally(target).snapshot(),
        name: target.name,
        url: target.url.href,
        share: target.weight / totalWeight,
      })),
    };
  }

  private tally(target: ResolvedTarget): OutcomeTally {
    const tally = this.byTarget.get(target);
    if (!tally) throw new Error(`unknown target ${target.name}`);
    return tally;
  }
}
