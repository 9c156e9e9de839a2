import type { CloudEvent, Pod, StreamFrame, StreamState } from '@strato/api-client';
import type { PodMetricsSample } from '@strato/contracts';

/** What `cloud watch` shows: the newest metrics frame, the pods' states, the last events, the connection. */
export interface WatchView {
  samples: PodMetricsSample[];
  podStates: ReadonlyMap<string, Pod['state']>;
  /** Newest first, at most RECENT_EVENTS. */
  events: CloudEvent[];
  connection: StreamState;
  lastFrameAt: Date | null;
}

export const RECENT_EVENTS = 8;

const POD_STATE_EVENTS = new Set(['PodPaused', 'PodResumed', 'PodCreated', 'PodRemoved', 'PodChanged']);

export function initialView(podStates: ReadonlyMap<string, Pod['state']>): WatchView {
  return { samples: [], podStates, events: [], connection: { state: 'connecting' }, lastFrameAt: null };
}

export function withFrame(view: WatchView, frame: StreamFrame, receivedAt: Date): WatchView {
  const next = { ...view, lastFrameAt: receivedAt };
  if (frame.kind === 'metrics') return { ...next, samples: frame.pods };
  if (frame.kind === 'events') {
    const newestFirst = [...frame.events].reverse();
    return { ...next, events: [...newestFirst, ...view.events].slice(0, RECENT_EVENTS) };
  }
  return next;
}

/**
 * Whether the pods' states may have changed: a pod event, or a reset (events were missed, any of them
 * may have been one).
 */
export function mayChangePodStates(frame: StreamFrame): boolean {
  if (frame.kind === 'reset') return true;
  return frame.kind === 'events' && frame.events.some((event) => POD_STATE_EVENTS.has(event.type));
}
