import type { PodMetricsSample } from './metrics';

/**
 * The frames of the manager's live stream, `GET /api/v1/stream`, with `Event` the event log's entry as
 * each side types it. `events` and `reset` carry the resume point (their SSE id): a client that
 * reconnects with it misses nothing. `reset` says the events since the client's resume point are not all
 * kept any more: read the state afresh, then follow from `lastEventId`. `metrics` (only with
 * `?metrics=true`) is the newest sample of every pod, after each sample; it has no resume point: a
 * missed one is gone, the history route has the past.
 */
export type EventStreamFrame<Event> =
  | { kind: 'hello'; lastEventId: number; at: string }
  | { kind: 'events'; lastEventId: number; events: Event[] }
  | { kind: 'reset'; lastEventId: number; reason: string }
  | MetricsStreamFrame;

export interface MetricsStreamFrame {
  kind: 'metrics';
  at: string;
  pods: PodMetricsSample[];
}

export const EVENT_STREAM_FRAME_KINDS = ['hello', 'events', 'reset', 'metrics'] as const;
