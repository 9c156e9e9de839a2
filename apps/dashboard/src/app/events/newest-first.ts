import type { CloudEvent } from '@strato/api-client';

/** One list, newest (highest id) first, each event once: a page read and the live events may overlap. */
export function mergeNewestFirst(...lists: readonly (readonly CloudEvent[])[]): CloudEvent[] {
  const byId = new Map<number, CloudEvent>();
  for (const list of lists) for (const event of list) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}
