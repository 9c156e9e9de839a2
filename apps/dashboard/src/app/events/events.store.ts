import { Injectable, computed, inject, signal } from '@angular/core';
import type { CloudEvent } from '@strato/api-client';
import { describeFailure } from '../api/api-errors';
import { EventsApi } from '../api/events-api';
import { OwnerTokenStore } from '../cloud/owner-token.store';
import { ANY_EVENT, type EventFilter, matchesFilter, serverQuery } from './event-filter';
import { mergeNewestFirst } from './newest-first';

export const EVENTS_PAGE_SIZE = 100;

interface EventsState {
  readonly filter: EventFilter;
  /** The events shown: those read and those received live that match the filter, newest first. */
  readonly events: readonly CloudEvent[];
  /** How many events the pages read held before the kind was filtered out of them. */
  readonly read: number;
  /** The id of the oldest event read, where "Load older" goes on from. */
  readonly oldestRead: number | null;
  /** The last page was full: the log may hold older events. */
  readonly more: boolean;
  readonly loading: 'first' | 'older' | null;
  readonly error: string | null;
}

const initialState: EventsState = {
  filter: ANY_EVENT,
  events: [],
  read: 0,
  oldestRead: null,
  more: false,
  loading: null,
  error: null,
};

/** The event timeline of one page: the pages read from the log, kept up to date by the live events. */
@Injectable()
export class EventsStore {
  private readonly api = inject(EventsApi);
  private readonly token = inject(OwnerTokenStore).value;
  private readonly state = signal<EventsState>(initialState);
  /** Answers to an earlier read (another filter, a reset since) are dropped. */
  private latestRead = 0;
  /** Live events that came while the first page was being read; they may be newer than it. */
  private liveDuringRead: CloudEvent[] = [];

  readonly filter = computed(() => this.state().filter);
  readonly events = computed(() => this.state().events);
  readonly read = computed(() => this.state().read);
  readonly more = computed(() => this.state().more);
  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);

  /** Reads the newest page for a new filter; what was shown for the old one goes at once. */
  async show(filter: EventFilter): Promise<void> {
    this.state.set({ ...initialState, filter });
    await this.readNewest();
  }

  /** Reads the newest page again, keeping the rows on screen meanwhile (the stream said it missed some). */
  async reread(): Promise<void> {
    await this.readNewest();
  }

  async loadOlder(): Promise<void> {
    const { oldestRead, loading, filter } = this.state();
    if (oldestRead === null || loading) return;
    const read = ++this.latestRead;
    this.patch({ loading: 'older', error: null });
    try {
      const page = await this.api.listEvents(this.token(), {
        ...serverQuery(filter),
        before: oldestRead,
        limit: EVENTS_PAGE_SIZE,
      });
      if (read !== this.latestRead) return;
      this.state.update((state) => ({
        ...state,
        ...this.pageFacts(page, state),
        events: mergeNewestFirst(
          state.events,
          page.filter((event) => matchesFilter(event, filter)),
        ),
        loading: null,
      }));
    } catch (error: unknown) {
      if (read === this.latestRead) this.patch({ loading: null, error: describeFailure(error) });
    }
  }

  /** Events from the live stream, in any order: those that match the filter join the list at once. */
  receive(events: readonly CloudEvent[]): void {
    const matching = events.filter((event) => matchesFilter(event, this.state().filter));
    if (!matching.length) return;
    if (this.state().loading === 'first') this.liveDuringRead.push(...matching);
    this.state.update((state) => ({ ...state, events: mergeNewestFirst(matching, state.events) }));
  }

  private async readNewest(): Promise<void> {
    const { filter } = this.state();
    const read = ++this.latestRead;
    this.liveDuringRead = [];
    this.patch({ loading: 'first', error: null });
    try {
      const page = await this.api.listEvents(this.token(), {
        ...serverQuery(filter),
        limit: EVENTS_PAGE_SIZE,
      });
      if (read !== this.latestRead) return;
      this.patch({
        ...this.pageFacts(page, { read: 0, oldestRead: null }),
        events: mergeNewestFirst(
          page.filter((event) => matchesFilter(event, filter)),
          this.liveDuringRead,
        ),
        loading: null,
      });
    } catch (error: unknown) {
      if (read === this.latestRead) this.patch({ loading: null, error: describeFailure(error) });
    }
  }

  private pageFacts(
    page: readonly CloudEvent[],
    before: Pick<EventsState, 'read' | 'oldestRead'>,
  ): Pick<EventsState, 'read' | 'oldestRead' | 'more'> {
    return {
      read: before.read + page.length,
      oldestRead: page.at(-1)?.id ?? before.oldestRead,
      more: page.length === EVENTS_PAGE_SIZE,
    };
  }

  private patch(change: Partial<EventsState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}
