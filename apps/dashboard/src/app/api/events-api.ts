import { DOCUMENT, Injectable, inject } from '@angular/core';
import {
  type CloudEvent,
  createStratoClient,
  type operations,
  type StratoClient,
  unwrap,
} from '@strato/api-client';
import { FETCH } from './strato-api';

/** What `GET /api/v1/events` can be asked: one pod, one node, one type, a page `before` an id, a `limit`. */
export type EventsQuery = NonNullable<operations['listEvents']['parameters']['query']>;

/**
 * The manager's event log, through the generated client. Failures reject with `StratoApiError`
 * (see `api-errors.ts`). Apart from `StratoApi` so the event pages own their reads.
 */
@Injectable({ providedIn: 'root' })
export class EventsApi {
  private readonly fetch = inject(FETCH);
  // Same origin as the page, and absolute for the reason given in `StratoApi`.
  private readonly baseUrl = inject(DOCUMENT).location.origin;
  private current: { readonly token: string; readonly client: StratoClient } | null = null;

  /** Newest first. */
  listEvents(token: string, query: EventsQuery): Promise<CloudEvent[]> {
    return unwrap(this.clientFor(token).GET('/api/v1/events', { params: { query } }));
  }

  private clientFor(token: string): StratoClient {
    if (this.current?.token !== token) {
      this.current = {
        token,
        client: createStratoClient({ baseUrl: this.baseUrl, token, fetch: this.fetch }),
      };
    }
    return this.current.client;
  }
}
