import type { EventStreamFrame } from '@strato/contracts';
import type { CloudEvent } from '../events.repository';

/** What the live stream sends: the contract's frames over the event log's own entries. */
export type StreamFrame = EventStreamFrame<CloudEvent>;

/** How long a client waits before it reconnects, sent with the first frame. */
export const RECONNECT_AFTER_MS = 2000;

/** One frame as server-sent-event text. Only `events` and `reset` move the resume point: only they have an id. */
export function toServerSentEvent(frame: StreamFrame): string {
  const { kind, ...data } = frame;
  const id = frame.kind === 'events' || frame.kind === 'reset' ? `id: ${frame.lastEventId}\n` : '';
  return `${id}event: ${kind}\ndata: ${JSON.stringify(data)}\n\n`;
}
