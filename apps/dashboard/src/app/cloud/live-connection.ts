import { DOCUMENT, Injectable, InjectionToken, inject, signal } from '@angular/core';
import { type CloudStreamHandle, openCloudStream, type StreamFrame } from '@strato/api-client';
import { Subject } from 'rxjs';
import { FETCH } from '../api/strato-api';

/** `disconnected`: the stream has been down a while (it keeps retrying); `refused`: the token was not accepted. */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'disconnected' | 'refused';

export const STREAM_OPENER = new InjectionToken<typeof openCloudStream>('STREAM_OPENER', {
  providedIn: 'root',
  factory: () => openCloudStream,
});

/** Down this long, "reconnecting" becomes "disconnected" (a restart of the manager takes about that). */
export const DISCONNECTED_AFTER_MS = 4000;
/** After the manager refused the stream for another reason than the token (a 5xx), try again this soon. */
export const REOPEN_AFTER_MS = 5000;

export interface LiveHandlers {
  /** The cloud changed (events, a reset, or a reconnect): read it again. Not called for metrics. */
  changed: (frame: StreamFrame) => void;
  /** The manager refused the token. */
  refused: () => void;
}

/**
 * The dashboard's one live stream from the manager, and whether it is live. A dropped stream is
 * retried by EventSource and resumes where it was; one refused with a 5xx is reopened here, from the
 * last event seen, so no change is missed either way.
 */
@Injectable({ providedIn: 'root' })
export class LiveConnection {
  private readonly open = inject(STREAM_OPENER);
  private readonly fetch = inject(FETCH);
  private readonly baseUrl = inject(DOCUMENT).location.origin;
  private readonly current = signal<LiveState>('connecting');
  private readonly received = new Subject<StreamFrame>();
  private stream: CloudStreamHandle | undefined;
  private lostTimer: ReturnType<typeof setTimeout> | undefined;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;
  private lastEventId: number | undefined;
  /** A hello was seen already: the next one is a reconnect. */
  private greeted = false;

  readonly state = this.current.asReadonly();
  /** Every frame the stream brings, for the pages that show events or live numbers. */
  readonly frames$ = this.received.asObservable();

  connect(token: string, handlers: LiveHandlers): void {
    this.disconnect();
    this.current.set('connecting');
    this.follow(token, handlers);
  }

  disconnect(): void {
    this.stream?.close();
    this.stream = undefined;
    clearTimeout(this.lostTimer);
    clearTimeout(this.reopenTimer);
    this.lostTimer = undefined;
  }

  private follow(token: string, handlers: LiveHandlers): void {
    this.stream = this.open({
      baseUrl: this.baseUrl,
      token,
      since: this.lastEventId,
      fetch: this.fetch,
      metrics: true,
      onFrame: (frame) => {
        if (frame.kind === 'events' || frame.kind === 'reset') {
          this.lastEventId = frame.lastEventId;
          handlers.changed(frame);
        } else if (frame.kind === 'hello') {
          this.lastEventId ??= frame.lastEventId;
          // A hello after a drop: whatever changed meanwhile comes as events, but numbers moved too.
          if (this.greeted) handlers.changed(frame);
          this.greeted = true;
        }
        this.received.next(frame);
      },
      onState: (state) => {
        if (state.state === 'live') {
          clearTimeout(this.lostTimer);
          this.lostTimer = undefined;
          this.current.set('live');
        } else if (state.state === 'reconnecting') {
          this.markLost();
        } else if (state.state === 'closed') {
          this.stream = undefined;
          if (state.status === 401) {
            this.disconnect();
            this.current.set('refused');
            handlers.refused();
          } else {
            this.markLost();
            this.reopenTimer = setTimeout(() => this.follow(token, handlers), REOPEN_AFTER_MS);
          }
        }
      },
    });
  }

  private markLost(): void {
    if (this.current() === 'disconnected') return;
    this.current.set('reconnecting');
    this.lostTimer ??= setTimeout(() => this.current.set('disconnected'), DISCONNECTED_AFTER_MS);
  }
}
