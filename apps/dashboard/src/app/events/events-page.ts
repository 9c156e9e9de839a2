import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { CloudStore } from '../cloud/cloud.store';
import { LiveConnection } from '../cloud/live-connection';
import { EventFilters } from './event-filters';
import { type EventFilter, filterFromQuery, filterToQuery, isFiltered, sameFilter } from './event-filter';
import { kindOf } from './event-kinds';
import { EventRow } from './event-row';
import { EventsStore } from './events.store';

/** How often "12 s ago" is brought up to date. */
const CLOCK_TICK_MS = 10_000;

/** The event log: scaling decisions, lifecycle changes and failures, newest first, live. */
@Component({
  selector: 'strato-events-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EventFilters, EventRow],
  providers: [EventsStore],
  template: `
    <header class="head">
      <h2>Events</h2>
      <strato-event-filters [filter]="filter()" [pods]="podNames()" (changed)="applyFilter($event)" />
    </header>

    @if (store.error(); as error) {
      <p class="error" role="alert">Cannot read the events: {{ error }}</p>
    }

    @if (store.events().length) {
      <ul class="events" aria-label="Events, newest first">
        @for (event of store.events(); track event.id) {
          <li class="event" [attr.data-type]="event.type" [attr.data-kind]="kindOf(event.type)">
            <strato-event-row [event]="event" [now]="now()" />
          </li>
        }
      </ul>
    } @else if (store.loading() === 'first') {
      <p class="quiet">Loading events…</p>
    } @else if (!store.error()) {
      <p class="quiet empty">
        @if (filtered()) {
          No events match these filters{{ store.more() ? ' among the ' + store.read() + ' newest' : '' }}.
        } @else {
          No events yet — launch a node from a pod page or run <code>cloud launch</code>.
        }
      </p>
    }

    @if (store.more()) {
      <p class="more">
        <button type="button" class="older" [disabled]="store.loading() !== null" (click)="loadOlder()">
          {{ store.loading() === 'older' ? 'Loading…' : 'Load older' }}
        </button>
        @if (filter().kind !== 'all') {
          <span class="quiet"
            >{{ store.events().length }} {{ filter().kind }} among {{ store.read() }} read</span
          >
        }
      </p>
    }
  `,
  styleUrl: './events-page.css',
})
export class EventsPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly cloud = inject(CloudStore);
  protected readonly store = inject(EventsStore);
  protected readonly kindOf = kindOf;

  private readonly query = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly filter = computed(() => filterFromQuery(this.query()), { equal: sameFilter });
  protected readonly filtered = computed(() => isFiltered(this.filter()));
  protected readonly podNames = computed(() => this.cloud.pods().map(({ pod }) => pod.name));
  protected readonly now = signal(Date.now());

  constructor() {
    effect(() => {
      const filter = this.filter();
      if (this.cloud.token()) untracked(() => void this.store.show(filter));
    });
    inject(LiveConnection)
      .frames$.pipe(takeUntilDestroyed())
      .subscribe((frame) => {
        if (frame.kind === 'events') {
          this.now.set(Date.now());
          this.store.receive(frame.events);
        } else if (frame.kind === 'reset') {
          void this.store.reread();
        }
      });
    const clock = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(clock));
  }

  protected applyFilter(filter: EventFilter): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: filterToQuery(filter) });
  }

  protected loadOlder(): void {
    void this.store.loadOlder();
  }
}
