import {
  ChangeDetectionStrategy,
  Component,
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
import { pollWhileVisible } from '../cloud/poll-while-visible';
import { type JobFilter, filterFromQuery, filterToQuery, isFiltered, sameFilter } from './job-filter';
import { JobFilters } from './job-filters';
import { isJobChange } from './job-change';
import { JobTable } from './job-table';
import { JobsStore } from './jobs.store';

/** The stream announces job changes; this poll is the fallback should it miss one, and moves "so far" on. */
const POLL_MS = 5000;

/** The batch jobs, newest first, a page at a time, filtered as the URL says, kept up to date. */
@Component({
  selector: 'strato-jobs-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [JobFilters, JobTable],
  providers: [JobsStore],
  template: `
    <header class="head">
      <h2>Jobs</h2>
      <strato-job-filters [filter]="filter()" [pods]="podNames()" (changed)="applyFilter($event)" />
    </header>

    @if (store.error(); as error) {
      <p class="error" role="alert">Cannot read the jobs: {{ error }}</p>
    }

    @if (store.jobs().length) {
      <strato-job-table [jobs]="store.jobs()" [now]="now()" />
    } @else if (!store.loaded()) {
      <p class="quiet">Loading jobs…</p>
    } @else if (!store.error()) {
      <p class="quiet empty">
        @if (filtered()) {
          No jobs match these filters{{ filter().page > 1 ? ' on this page' : '' }}.
        } @else if (filter().page > 1) {
          No jobs on this page.
        } @else {
          No jobs yet — submit one with <code>cloud job submit</code>.
        }
      </p>
    }

    @if (filter().page > 1 || store.more()) {
      <nav class="pages" aria-label="Pages of jobs">
        <button type="button" class="newer" [disabled]="filter().page === 1" (click)="goToPage(-1)">
          Newer
        </button>
        <span class="quiet">Page {{ filter().page }}</span>
        <button type="button" class="older" [disabled]="!store.more()" (click)="goToPage(1)">Older</button>
      </nav>
    }
  `,
  styleUrl: './jobs-page.css',
})
export class JobsPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly cloud = inject(CloudStore);
  protected readonly store = inject(JobsStore);

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
        if (isJobChange(frame)) void this.store.changed();
      });
    pollWhileVisible(() => {
      this.now.set(Date.now());
      void this.store.refresh();
    }, POLL_MS);
  }

  protected applyFilter(filter: JobFilter): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: filterToQuery(filter) });
  }

  protected goToPage(step: number): void {
    this.applyFilter({ ...this.filter(), page: Math.max(1, this.filter().page + step) });
  }
}
