import type { CloudEvent } from '../events.repository';

/**
 * What the live stream sends. `events` frames carry the resume point (`lastEventId`, the SSE id):
 * a client that reconnects with it misses nothing. `reset` says the events since the client's
 * resume point are not all kept any more: read the state afresh, then follow from `lastEventId`.
 */
export type StreamFrame =
  | { kind: 'hello'; lastEventId: number; at: string }
  | { kind: 'events'; lastEventId: number; events: CloudEvent[] }
  | { kind: 'reset'; lastEventId: number; reason: string };

/** How long a client waits before it reconnects, sent with the first frame. */
export const RECONNECT_AFTER_MS = 2000;

/** One frame as server-sent-event text. Only `events` and `reset` move the resume point. */
export function toServerSentEvent(frame: StreamFrame): string {
  const { kind, ...data } = frame;
  const id = kind === 'hello' ? '' : `id: ${frame.lastEventId}\n`;
  return `${id}event: ${kind}\ndata: ${JSON.stringify(data)}\n\n`;
}
