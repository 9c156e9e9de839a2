import type { StreamFrame } from '@strato/api-client';

/** A frame after which jobs may read differently: a Job* event, or a reset (the stream missed some). */
export function isJobChange(frame: StreamFrame): boolean {
  if (frame.kind === 'reset') return true;
  return frame.kind === 'events' && frame.events.some((event) => event.type.startsWith('Job'));
}
