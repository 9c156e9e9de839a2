import { EVENT_STREAM_FRAME_KINDS, type EventStreamFrame } from '@strato/contracts';
import { EventSource, type ErrorEvent } from 'eventsource';
import type { CloudEvent } from './models';

/** The frames of `GET /api/v1/stream` (see its OpenAPI description), over the generated event type. */
export type StreamFrame = EventStreamFrame<CloudEvent>;

/**
 * `live`: connected; `reconnecting`: the connection dropped and is being retried (every 2 s, resuming
 * where it was); `closed`: given up for good, e.g. on a 401 (`status` says why).
 */
export type StreamState =
  | { state: 'connecting' }
  | { state: 'live' }
  | { state: 'reconnecting'; message: string }
  | { state: 'closed'; status?: number; message: string };

export interface CloudStreamOptions {
  /** The manager, e.g. http://127.0.0.1:8080. */
  baseUrl: string;
  token: string;
  /** Resume after this event id; absent: from now on. */
  since?: number;
  pod?: string;
  /** Also a `metrics` frame (every pod's newest sample, no resume point) after every sample, every second. */
  metrics?: boolean;
  onFrame: (frame: StreamFrame) => void;
  onState?: (state: StreamState) => void;
  fetch?: typeof fetch;
}

export interface CloudStreamHandle {
  close(): void;
}

/**
 * Follows the manager's live stream with a standard EventSource (the `eventsource` package, so the
 * owner token can go in a header: the browser's own EventSource cannot send one). It reconnects by
 * itself and resumes from the last frame's id, so a reconnect misses nothing.
 */
export function openCloudStream(options: CloudStreamOptions): CloudStreamHandle {
  const url = new URL('/api/v1/stream', options.baseUrl);
  if (options.since !== undefined) url.searchParams.set('since', String(options.since));
  if (options.pod !== undefined) url.searchParams.set('pod', options.pod);
  if (options.metrics) url.searchParams.set('metrics', 'true');
  const send = options.fetch ?? fetch;
  const source = new EventSource(url, {
    fetch: (input, init) => {
      const headers = new Headers(init?.headers as HeadersInit | undefined);
      headers.set('authorization', `Bearer ${options.token}`);
      return send(input, { ...init, headers });
    },
  });
  const tell = options.onState ?? (() => undefined);
  tell({ state: 'connecting' });
  source.addEventListener('open', () => tell({ state: 'live' }));
  source.addEventListener('error', (event: ErrorEvent) => {
    const message = event.message ?? 'connection lost';
    if (source.readyState === EventSource.CLOSED) tell({ state: 'closed', status: event.code, message });
    else tell({ state: 'reconnecting', message });
  });
  for (const kind of EVENT_STREAM_FRAME_KINDS) {
    source.addEventListener(kind, (event: MessageEvent<string>) =>
      options.onFrame({ kind, ...JSON.parse(event.data) } as StreamFrame),
    );
  }
  return { close: () => source.close() };
}
