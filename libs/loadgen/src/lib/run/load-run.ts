import { performance } from 'node:perf_hooks';
import { LoadProgress, LoadResult, StopReason } from '../measure/load-result';
import { RunRecorder } from '../measure/run-recorder';
import { mulberry32 } from '../schedule/prng';
import { ResolvedTarget, targetPicker } from '../target/load-target';
import { LoadPlan } from './run-load-options';
import { CancelRequest, HttpSender } from './http-sender';

const MAX_BATCH = 256;
const PRECONNECT_LIMIT_MS = 1000;

/**
 * One open-loop run: every arrival is sent when due, whether or not earlier requests have answered.
 * Arrivals that fell due while the timer slept are sent together on wake-up; their latency still
 * counts from the intended time, so generator lateness is charged, never hidden.
 */
export class LoadRun {
  private startedAt = new Date();
  private origin = performance.now();
  private readonly recorder: RunRecorder;
  private readonly sender: HttpSender;
  private readonly pick: () => ResolvedTarget;
  private readonly offsets: Iterator<number>;
  private readonly inFlight = new Set<CancelRequest>();
  private next: number | undefined;
  private scheduled = 0;
  /** Why the schedule ran out, once it has. */
  private scheduleEnd: StopReason | undefined;
  /** Set once sending has stopped; the run then finishes as the last request settles. */
  private stoppedBy: StopReason | undefined;
  private sendWindowMs = 0;
  private preconnected = 0;
  private preconnectMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private catchingUp: NodeJS.Immediate | undefined;
  private progressTimer: NodeJS.Timeout | undefined;
  private finished = false;
  private resolve: (result: LoadResult) => void = () => undefined;

  constructor(private readonly plan: LoadPlan) {
    this.recorder = new RunRecorder(plan.targets, plan.sloMs);
    this.sender = new HttpSender({
      connections: plan.maxSockets,
      timeoutMs: plan.timeoutMs,
      now: () => this.elapsed(),
    });
    this.pick = targetPicker(plan.targets, mulberry32(plan.seed));
    this.offsets = plan.schedule.offsets();
  }

  async run(): Promise<LoadResult> {
    await this.preconnect();
    return new Promise((resolve) => {
      this.resolve = resolve;
      const { signal, onProgress, progressIntervalMs } = this.plan;
      if (signal?.aborted) return this.stop('aborted');
      signal?.addEventListener('abort', this.abort, { once: true });
      if (onProgress) this.reportProgressAt(progressIntervalMs, onProgress);
      this.advance();
      this.tick();
    });
  }

  /** Connections are opened before the clock starts: the schedule is about requests, not handshakes. */
  private async preconnect(): Promise<void> {
    const { preconnect, timeoutMs, signal, targets } = this.plan;
    if (preconnect > 0 && !signal?.aborted) {
      const begun = performance.now();
      const origins = new Map(targets.map((target) => [target.url.origin, target.url]));
      const limitMs = Math.min(timeoutMs, PRECONNECT_LIMIT_MS);
      const opened = await Promise.all(
        [...origins.values()].map((url) => this.sender.preconnect(url, preconnect, limitMs)),
      );
      this.preconnected = opened.reduce((sum, count) => sum + count, 0);
      this.preconnectMs = performance.now() - begun;
    }
    this.startedAt = new Date();
    this.origin = performance.now();
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    this.catchingUp = undefined;
    const now = this.elapsed();
    for (let batch = 0; this.next !== undefined && this.next <= now; batch++) {
      // A generator far behind yields between batches so responses keep being read.
      if (batch === MAX_BATCH) return void (this.catchingUp = setImmediate(this.tick));
      this.fire(this.next);
      this.advance();
    }
    if (this.next === undefined) return this.stopAtWindowEnd();
    this.timer = setTimeout(this.tick, Math.max(1, Math.ceil(this.next - now)));
  };

  /**
   * Reports at each multiple of the interval on the run's clock. Node's timers count from the event
   * loop's cached time, which can trail performance.now(), so a timer that fires early is re-armed.
   */
  private reportProgressAt(dueMs: number, onProgress: (progress: LoadProgress) => void): void {
    const now = this.elapsed();
    if (now < dueMs) {
      this.progressTimer = setTimeout(() => this.reportProgressAt(dueMs, onProgress), Math.ceil(dueMs - now));
      return;
    }
    onProgress(this.recorder.progress(now, this.inFlight.size));
    if (this.finished) return;
    const interval = this.plan.progressIntervalMs;
    this.reportProgressAt((Math.floor(now / interval) + 1) * interval, onProgress);
  }

  /**
   * A 2 s run lasts 2 s even when its last request answers sooner, so rates share one time base. A timer
   * that fires early (see reportProgressAt) is re-armed.
   */
  private stopAtWindowEnd(): void {
    const reason = this.scheduleEnd ?? 'schedule-end';
    const endsAt = this.fixedWindow(reason);
    const now = this.elapsed();
    if (endsAt === undefined || endsAt <= now) return this.stop(reason);
    this.timer = setTimeout(() => this.stopAtWindowEnd(), Math.max(1, Math.ceil(endsAt - now)));
  }

  private advance(): void {
    const { durationMs, maxRequests } = this.plan;
    this.next = undefined;
    if (maxRequests !== undefined && this.scheduled >= maxRequests) {
      this.scheduleEnd = 'max-requests';
      return;
    }
    const step = this.offsets.next();
    if (step.done) this.scheduleEnd = 'schedule-end';
    else if (durationMs !== undefined && step.value >= durationMs) this.scheduleEnd = 'duration';
    else this.next = step.value;
  }

  private fire(intendedAtMs: number): void {
    const target = this.pick();
    this.scheduled++;
    if (this.inFlight.size >= this.plan.maxInFlight) return this.recorder.dropped(target, intendedAtMs);
    const cancel = this.sender.send(target.url, (outcome) => {
      this.inFlight.delete(cancel);
      this.recorder.settled(target, intendedAtMs, outcome);
      if (this.stoppedBy && this.inFlight.size === 0) this.finish();
    });
    this.inFlight.add(cancel);
    this.recorder.sent(target, intendedAtMs, this.elapsed(), this.inFlight.size);
  }

  /** Stops sending if still sending, and cancels whatever is in flight. */
  private readonly abort = (): void => {
    if (!this.stoppedBy) this.stop('aborted');
    for (const cancel of [...this.inFlight]) cancel();
  };

  private stop(reason: StopReason): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.catchingUp) clearImmediate(this.catchingUp);
    this.timer = undefined;
    this.catchingUp = undefined;
    this.next = undefined;
    this.stoppedBy = reason;
    this.sendWindowMs = this.windowFor(reason);
    if (this.inFlight.size === 0) this.finish();
  }

  private windowFor(reason: StopReason): number {
    return this.fixedWindow(reason) ?? this.elapsed();
  }

  /** How long the send window lasts when it is set in advance (by a duration); otherwise undefined. */
  private fixedWindow(reason: StopReason): number | undefined {
    if (reason === 'duration' && this.plan.durationMs !== undefined) return this.plan.durationMs;
    if (reason === 'schedule-end' && this.plan.schedule.durationMs !== undefined) {
      return Math.min(this.plan.schedule.durationMs, this.plan.durationMs ?? Number.POSITIVE_INFINITY);
    }
    return undefined;
  }

  private finish(): void {
    this.finished = true;
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    this.plan.signal?.removeEventListener('abort', this.abort);
    const result = this.recorder.result({
      schedule: this.plan.schedule.label,
      startedAt: this.startedAt,
      stoppedBy: this.stoppedBy ?? 'schedule-end',
      sendWindowMs: this.sendWindowMs,
      wallTimeMs: this.elapsed(),
      preconnected: this.preconnected,
      preconnectMs: this.preconnectMs,
    });
    // Resolved once its connections are closed, so nothing of this run is left to cost the next one.
    void this.sender.destroy().finally(() => this.resolve(result));
  }

  private elapsed(): number {
    return performance.now() - this.origin;
  }
}
