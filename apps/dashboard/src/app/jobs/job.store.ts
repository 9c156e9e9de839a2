import { Injectable, computed, inject, signal } from '@angular/core';
import { type Job, StratoApiError } from '@strato/api-client';
import { describeFailure } from '../api/api-errors';
import { JobsApi } from '../api/jobs.api';
import { CoalescedRead } from '../cloud/coalesced-read';
import { OwnerTokenStore } from '../cloud/owner-token.store';
import { PendingAction } from '../pod-page/pending-action';

interface JobState {
  readonly id: string | null;
  readonly job: Job | null;
  /** The manager answered 404: there is no such job. */
  readonly notFound: boolean;
  readonly error: string | null;
}

const initialState: JobState = { id: null, job: null, notFound: false, error: null };

/** One job (its attempts with it), read again when jobs change, and the owner's abort of it. */
@Injectable()
export class JobStore {
  private readonly api = inject(JobsApi);
  private readonly token = inject(OwnerTokenStore).value;
  private readonly state = signal<JobState>(initialState);
  private readonly reads = new CoalescedRead(() => this.readOnce());

  readonly id = computed(() => this.state().id);
  readonly job = computed(() => this.state().job);
  readonly notFound = computed(() => this.state().notFound);
  readonly error = computed(() => this.state().error);
  readonly aborting = new PendingAction();

  show(id: string): Promise<void> {
    this.state.set({ ...initialState, id });
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
    } catch (error: unknown) {
      if (this.state().id !== id) return;
      if (error instanceof StratoApiError && error.status === 404) this.patch({ job: null, notFound: true });
      else this.patch({ error: describeFailure(error) });
    }
  }

  private patch(change: Partial<JobState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}
