import { Injectable, inject } from '@angular/core';
import { type CloudEvent, type operations, unwrap } from '@strato/api-client';
import { StratoClients } from './strato-clients';

/** What `GET /api/v1/events` can be asked: one pod, one node, one type, a page `before` an id, a `limit`. */
export type EventsQuery = NonNullable<operations['listEvents']['parameters']['query']>;

/** The manager's event log. Failures reject with `StratoApiError` (see `api-errors.ts`). */
@Injectable({ providedIn: 'root' })
export class EventsApi {
  private readonly clients = inject(StratoClients);

  /** Newest first. */
  listEvents(token: string, query: EventsQuery): Promise<CloudEvent[]> {
    return unwrap(this.clients.for(token).GET('/api/v1/events', { params: { query } }));
  }
}
