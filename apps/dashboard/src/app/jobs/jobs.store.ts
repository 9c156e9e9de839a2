import { Injectable, computed, inject, signal } from '@angular/core';
import type { Job } from '@strato/api-client';
import { describeFailure } from '../api/api-errors';
import { JobsApi } from '../api/jobs.api';
import { CoalescedRead } from '../cloud/coalesced-read';
import { OwnerTokenStore } from '../cloud/owner-token.store';
import { type JobFilter, JOBS_PAGE_SIZE, serverQuery } from './job-filter';

interface JobsState {
  /** Null until the page shows one: a poll before that reads nothing. */
  readonly filter: JobFilter | null;
  readonly jobs: readonly Job[];
  /** The manager has jobs past this page. */
  readonly more: boolean;
  /** A read for this filter has answered. */
  readonly loaded: boolean;
  readonly error: string | null;
}

const initialState: JobsState = { filter: null, jobs: [], more: false, loaded: false, error: null };

/** One page of the jobs list, read again when jobs change: one read at a time, one more if asked meanwhile. */
@Injectable()
export class JobsStore {
  private readonly api = inject(JobsApi);
  private readonly token = inject(OwnerTokenStore).value;
  private readonly state = signal<JobsState>(initialState);
  private readonly reads = new CoalescedRead(() => this.readOnce());
  /** Bumped by each new filter: an answer to a read for an earlier one is dropped. */
  private shown = 0;

  readonly jobs = computed(() => this.state().jobs);
  readonly more = computed(() => this.state().more);
  readonly loaded = computed(() => this.state().loaded);
  readonly error = computed(() => this.state().error);

  /** Reads the page for a new filter; what was shown for the old one goes at once. */
  show(filter: JobFilter): Promise<void> {
    this.shown++;
    this.state.set({ ...initialState, filter });
    return this.reads.request();
  }

  /** Jobs changed (the live stream said so): read now, or once more after the read that is out. */
  async changed(): Promise<void> {
    if (this.state().filter) await this.reads.request();
  }

  /** A poll: skipped while a read is out, so a slow manager does not pile them up. */
  async refresh(): Promise<void> {
    if (this.state().filter && !this.reads.busy) await this.reads.request();
  }

  private async readOnce(): Promise<void> {
    const { filter } = this.state();
    if (!filter) return;
    const shown = this.shown;
    try {
      const page = await this.api.listJobs(this.token(), serverQuery(filter));
      if (shown !== this.shown) return;
      this.patch({
        jobs: page.slice(0, JOBS_PAGE_SIZE),
        more: page.length > JOBS_PAGE_SIZE,
        loaded: true,
        error: null,
      });
    } catch (error: unknown) {
      if (shown === this.shown) this.patch({ loaded: true, error: describeFailure(error) });
    }
  }

  private patch(change: Partial<JobsState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}
