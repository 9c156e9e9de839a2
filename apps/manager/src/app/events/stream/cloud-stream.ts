import { Injectable } from '@nestjs/common';
import { Observable, type Subscription } from 'rxjs';
import { MetricsFeed, type MetricsSnapshot } from '../../metrics/metrics-feed';
import { EventFeed } from '../event-feed';
import { type CloudEvent, EventsRepository } from '../events.repository';
import type { StreamFrame } from './stream-frame';

/**
 * At most one frame per client this often: an event after a quiet spell goes out at once (after the
 * code that published it, so a synchronous burst is one frame), the rest of a burst with the next frame.
 */
export const COALESCE_MS = 100;
/** And at most this many in one frame. */
export const MAX_EVENTS_PER_FRAME = 500;
/** A client further behind than this reads the state afresh instead of replaying. */
export const MAX_REPLAY = 1000;

export interface StreamOptions {
  /** Resume after this event id; absent: from now on. */
  since?: number;
  /** Only this pod's events (and metrics). */
  pod?: string;
  /** Also a `metrics` frame after every sample, and the newest samples right after the hello. */
  metrics?: boolean;
}

/**
 * One client's live stream: a hello with the newest event id, the events it missed since its resume
 * point (or a reset when they are no longer all kept), then every event as it is kept, bursts
 * coalesced into one frame; and, when asked, every metrics sample as it is taken, not paced.
 */
@Injectable()
export class CloudStream {
  constructor(
    private readonly events: EventsRepository,
    private readonly feed: EventFeed,
    private readonly metrics: MetricsFeed,
  ) {}

  open(options: StreamOptions): Observable<StreamFrame> {
    return new Observable<StreamFrame>((subscriber) => {
      const pending: CloudEvent[] = [];
      let flushTimer: NodeJS.Timeout | undefined;
      let flushedAt = Number.NEGATIVE_INFINITY;
      const flush = (): void => {
        clearTimeout(flushTimer);
        flushTimer = undefined;
        flushedAt = Date.now();
        while (pending.length > 0) {
          const events = pending.splice(0, MAX_EVENTS_PER_FRAME);
          subscriber.next({ kind: 'events', lastEventId: events[events.length - 1].id, events });
        }
      };
      // Subscribing and reading the log happen in one synchronous step (the bus and SQLite are both
      // synchronous), so no event can fall between the replay and the live ones.
      const live = this.feed.kept$.subscribe((event) => {
        if (options.pod !== undefined && event.pod !== options.pod) return;
        pending.push(event);
        if (pending.length >= MAX_EVENTS_PER_FRAME) flush();
        else flushTimer ??= setTimeout(flush, Math.max(0, flushedAt + COALESCE_MS - Date.now()));
      });
      const range = this.events.idRange();
      subscriber.next({ kind: 'hello', lastEventId: range.last, at: new Date().toISOString() });
      if (options.since !== undefined) this.replay(options.since, options.pod, range, subscriber);
      const sampled = options.metrics ? this.followMetrics(options.pod, subscriber) : undefined;
      return () => {
        live.unsubscribe();
        sampled?.unsubscribe();
        clearTimeout(flushTimer);
      };
    });
  }

  private followMetrics(
    pod: string | undefined,
    subscriber: { next: (frame: StreamFrame) => void },
  ): Subscription {
    const send = ({ at, pods }: MetricsSnapshot): void => {
      const wanted = pod === undefined ? pods : pods.filter((sample) => sample.pod === pod);
      if (wanted.length > 0) subscriber.next({ kind: 'metrics', at, pods: wanted });
    };
    const newest = this.metrics.latest();
    const at = newest.reduce((latest, sample) => (sample.at > latest ? sample.at : latest), '');
    if (newest.length > 0) send({ at, pods: newest });
    return this.metrics.sampled$.subscribe(send);
  }

  private replay(
    since: number,
    pod: string | undefined,
    range: { first: number; last: number },
    subscriber: { next: (frame: StreamFrame) => void },
  ): void {
    const reset = (reason: string) => subscriber.next({ kind: 'reset', lastEventId: range.last, reason });
    if (since > range.last)
      return reset(`event ${since} is newer than any kept (${range.last}): the log was reset`);
    if (range.first > 0 && since < range.first - 1) {
      return reset(`events ${since + 1}–${range.first - 1} are no longer kept (retention)`);
    }
    const missed = this.events.after(since, pod, MAX_REPLAY + 1);
    if (missed.length > MAX_REPLAY) return reset(`more than ${MAX_REPLAY} events since ${since}`);
    for (let at = 0; at < missed.length; at += MAX_EVENTS_PER_FRAME) {
      const events = missed.slice(at, at + MAX_EVENTS_PER_FRAME);
      subscriber.next({ kind: 'events', lastEventId: events[events.length - 1].id, events });
    }
  }
}
