import type { ParamMap, Params } from '@angular/router';
import type { CloudEvent } from '@strato/api-client';
import { resolvePodAlias } from '@strato/contracts';
import type { EventsQuery } from '../api/events-api';
import { type EventKind, isEventKind, kindOf } from './event-kinds';

/** What the timeline shows; `''` for "any". Kept in the URL (`?pod=light&kind=scaling`). */
export interface EventFilter {
  readonly pod: string;
  readonly node: string;
  readonly kind: EventKind | 'all';
}

export const ANY_EVENT: EventFilter = { pod: '', node: '', kind: 'all' };

export function filterFromQuery(params: ParamMap): EventFilter {
  const kind = params.get('kind') ?? '';
  const pod = params.get('pod')?.trim() ?? '';
  return {
    // The manager takes the seed aliases (`?pod=0`); the live events name the pod itself.
    pod: pod ? resolvePodAlias(pod) : '',
    node: params.get('node')?.trim() ?? '',
    kind: isEventKind(kind) ? kind : 'all',
  };
}

/** Query params for `Router.navigate`: null drops a param, so the URL names only what is filtered. */
export function filterToQuery(filter: EventFilter): Params {
  return {
    pod: filter.pod || null,
    node: filter.node || null,
    kind: filter.kind === 'all' ? null : filter.kind,
  };
}

export function sameFilter(a: EventFilter, b: EventFilter): boolean {
  return a.pod === b.pod && a.node === b.node && a.kind === b.kind;
}

export function isFiltered(filter: EventFilter): boolean {
  return !sameFilter(filter, ANY_EVENT);
}

/**
 * The part of the filter the manager applies. Not the kind: the route takes a single `type`, and a kind
 * is several, so kinds are filtered here over the pages read (`matchesFilter`).
 */
export function serverQuery(filter: EventFilter): Pick<EventsQuery, 'pod' | 'node'> {
  return { ...(filter.pod ? { pod: filter.pod } : {}), ...(filter.node ? { node: filter.node } : {}) };
}

export function matchesFilter(event: CloudEvent, filter: EventFilter): boolean {
  return (
    (!filter.pod || event.pod === filter.pod) &&
    (!filter.node || event.node === filter.node) &&
    (filter.kind === 'all' || kindOf(event.type) === filter.kind)
  );
}
