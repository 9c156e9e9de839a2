import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { LiveConnection } from '../cloud/live-connection';
import { OwnerTokenStore } from '../cloud/owner-token.store';
import { pollWhileVisible } from '../cloud/poll-while-visible';
import { JobAttempts } from './job-attempts';
import { isJobChange } from './job-change';
import { JobDetails } from './job-details';
import { JobHeader } from './job-header';
import { JobLogView } from './job-log-view';
import { JobLogStore } from './job-log.store';
import { JobStore } from './job.store';

/** The stream announces job changes; this poll is the fallback should it miss one. */
const POLL_MS = 5000;

/** One batch job: all its fields, its attempts, Abort while it may run, and its logs, followed while it runs. */
@Component({
  selector: 'strato-job-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [JobAttempts, JobDetails, JobHeader, JobLogView, RouterLink],
  providers: [JobStore, JobLogStore],
  template: `
    <a class="back" routerLink="/jobs">← Jobs</a>

    @if (store.notFound()) {
      <p class="not-found" role="alert">
        No job <code>{{ id() }}</code> — <a routerLink="/jobs">back to the jobs</a>
      </p>
    } @else {
      @if (store.error(); as error) {
        <p class="error" role="alert">Cannot read the job: {{ error }}</p>
      }
      @if (store.job(); as job) {
        <strato-job-header
          [job]="job"
          [aborting]="store.aborting.busy()"
          [abortError]="store.aborting.message()"
          (abortAsked)="abort()"
        />
        <section class="panel">
          <strato-job-details [job]="job" [now]="now()" />
        </section>
        <section class="panel">
          <strato-job-attempts [attempts]="job.attempts" [now]="now()" />
        </section>
        <section class="panel">
          <strato-job-log-view
            [entries]="logs.entries()"
            [phase]="logs.phase()"
            [truncated]="logs.truncated()"
            [error]="logs.error()"
            [notStarted]="job.attempt === 0"
          />
        </section>
      } @else if (!store.error()) {
        <p class="quiet">Loading the job…</p>
      }
    }
  `,
  styleUrl: './job-page.css',
})
export class JobPage {
  /** The job's id, from the route. */
  readonly id = input.required<string>();

  protected readonly store = inject(JobStore);
  protected readonly logs = inject(JobLogStore);
  private readonly token = inject(OwnerTokenStore).value;
  protected readonly now = signal(Date.now());

  constructor() {
    effect(() => {
      const id = this.id();
      if (this.token()) untracked(() => void this.store.show(id));
    });
    effect(() => {
      const job = this.store.job();
      if (job) untracked(() => this.logs.sync(job, () => void this.store.changed()));
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

  protected abort(): void {
    void this.store.abort();
  }
}
