import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { type Job, StratoApiError } from '@strato/api-client';
import { describeFailure } from '../api/api-errors';
import type { AttemptEnd } from '../api/job-log-events';
import { JobsApi } from '../api/jobs.api';
import { CoalescedRead } from '../cloud/coalesced-read';
import { OwnerTokenStore } from '../cloud/owner-token.store';
import { PendingAction } from '../pod-page/pending-action';
import { type AttemptView, attemptViews, attemptsToRead } from './attempt-views';

interface JobState {
  readonly id: string | null;
  readonly job: Job | null;
  /** The manager answered 404: there is no such job. */
  readonly notFound: boolean;
  readonly error: string | null;
}

const initialState: JobState = { id: null, job: null, notFound: false, error: null };

/** One job, read again when jobs change, how its attempts ended, and the owner's abort of it. */
@Injectable()
export class JobStore {
  private readonly api = inject(JobsApi);
  private readonly token = inject(OwnerTokenStore).value;
  private readonly state = signal<JobState>(initialState);
  private readonly reads = new CoalescedRead(() => this.readOnce());
  /** How ended attempts ended, by number; null: could not be told. An ended attempt never changes. */
  private readonly ended = signal<ReadonlyMap<number, AttemptEnd | null>>(new Map());
  private readingAttempts = false;
  private readonly gone = new AbortController();

  readonly id = computed(() => this.state().id);
  readonly job = computed(() => this.state().job);
  readonly notFound = computed(() => this.state().notFound);
  readonly error = computed(() => this.state().error);
  readonly attempts = computed<readonly AttemptView[]>(() => {
    const job = this.job();
    return job ? attemptViews(job, this.ended()) : [];
  });
  readonly aborting = new PendingAction();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.gone.abort());
  }

  show(id: string): Promise<void> {
    this.state.set({ ...initialState, id });
    this.ended.set(new Map());
    return this.reads.request();
  }

  /** The job may have changed (a Job* event, its log stream moved on): read now, or once more after the read out. */
  async changed(): Promise<void> {
    if (this.state().id) await this.reads.request();
  }

  /** A poll: skipped while a read is out. */
  async refresh(): Promise<void> {
    if (this.state().id && !this.reads.busy) await this.reads.request();
  }

  async abort(): Promise<void> {
    const id = this.state().id;
    if (!id) return;
    const asked = await this.aborting.run(async () => {
      const job = await this.api.abort(this.token(), id);
      if (this.state().id === id) this.patch({ job });
    });
    // Refused (a 409: it ended meanwhile): what it is now is worth showing beside the reason.
    if (!asked) await this.changed();
  }

  private async readOnce(): Promise<void> {
    const id = this.state().id;
    if (!id) return;
    try {
      const job = await this.api.getJob(this.token(), id);
      if (this.state().id !== id) return;
      this.patch({ job, notFound: false, error: null });
      void this.readEndedAttempts(job);
    } catch (error: unknown) {
      if (this.state().id !== id) return;
      if (error instanceof StratoApiError && error.status === 404) this.patch({ job: null, notFound: true });
      else this.patch({ error: describeFailure(error) });
    }
  }

  /** One at a time, each once: the API has no list of attempts, so each is asked for how it ended. */
  private async readEndedAttempts(job: Job): Promise<void> {
    if (this.readingAttempts) return;
    this.readingAttempts = true;
    try {
      for (const number of attemptsToRead(job)) {
        if (this.ended().has(number)) continue;
        const end = await this.api
          .attemptEnd(this.token(), job.id, number, this.gone.signal)
          .catch(() => null);
        if (this.gone.signal.aborted || this.state().id !== job.id) return;
        this.ended.update((known) => new Map(known).set(number, end));
      }
    } finally {
      this.readingAttempts = false;
    }
  }

  private patch(change: Partial<JobState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}
