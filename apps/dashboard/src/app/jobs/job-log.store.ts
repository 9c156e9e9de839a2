import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { Job } from '@strato/api-client';
import { describeFailure } from '../api/api-errors';
import type { JobLogLine } from '../api/job-log-events';
import { JobsApi } from '../api/jobs.api';
import { OwnerTokenStore } from '../cloud/owner-token.store';
import { isActive } from './job-format';

export type LogEntry =
  | ({ readonly kind: 'line' } & JobLogLine)
  | { readonly kind: 'attempt'; readonly attempt: number; readonly node: string };

/** `idle`: nothing out, the next `sync` reads or follows; `complete`: the job ended and all of it is shown. */
export type LogPhase = 'idle' | 'reading' | 'following' | 'complete';

interface LogState {
  readonly job: string | null;
  readonly entries: readonly LogEntry[];
  readonly truncated: { readonly stdout: boolean; readonly stderr: boolean };
  readonly phase: LogPhase;
  readonly error: string | null;
}

const initialState: LogState = {
  job: null,
  entries: [],
  truncated: { stdout: false, stderr: false },
  phase: 'idle',
  error: null,
};

/**
 * A job's output: read once when the job has ended, followed live while it may still run, until the
 * stream's `end`, the page goes, or another job is shown.
 */
@Injectable()
export class JobLogStore {
  private readonly api = inject(JobsApi);
  private readonly token = inject(OwnerTokenStore).value;
  private readonly state = signal<LogState>(initialState);
  private stop = new AbortController();
  /** Lines that came since the last render turn; added together, not one array copy each. */
  private pending: LogEntry[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  readonly entries = computed(() => this.state().entries);
  readonly truncated = computed(() => this.state().truncated);
  readonly phase = computed(() => this.state().phase);
  readonly error = computed(() => this.state().error);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.reset(null));
  }

  /**
   * Makes the logs shown match the job as last read: follows an active job unless already following,
   * reads an ended one's unless shown whole. `moved` is told when an attempt starts or the job ends.
   */
  sync(job: Job, moved: () => void): void {
    if (this.state().job !== job.id) this.reset(job.id);
    if (this.state().phase !== 'idle') return;
    if (isActive(job)) void this.follow(job.id, moved);
    else void this.read(job.id);
  }

  private async read(id: string): Promise<void> {
    const { signal } = this.stop;
    this.patch({ phase: 'reading', error: null });
    try {
      const logs = await this.api.readLogs(this.token(), id);
      if (signal.aborted) return;
      const mark: LogEntry[] =
        logs.attempt !== null && logs.node !== null
          ? [{ kind: 'attempt', attempt: logs.attempt, node: logs.node }]
          : [];
      this.patch({
        entries: [...mark, ...logs.lines.map((line): LogEntry => ({ kind: 'line', ...line }))],
        truncated: logs.truncated,
        phase: logs.complete ? 'complete' : 'idle',
      });
    } catch (error: unknown) {
      if (!signal.aborted)
        this.patch({ phase: 'idle', error: `Cannot read the logs: ${describeFailure(error)}` });
    }
  }

  private async follow(id: string, moved: () => void): Promise<void> {
    const { signal } = this.stop;
    // The stream starts with what the current attempt stored: it replaces what was shown.
    this.patch({ entries: [], phase: 'following', error: null });
    let ended = false;
    try {
      for await (const event of this.api.followLogs(this.token(), id, {}, signal)) {
        if (event.type === 'line') this.add({ kind: 'line', ...event.line });
        else if (event.type === 'attempt') {
          this.add({ kind: 'attempt', attempt: event.attempt, node: event.node });
          moved();
        } else if (event.type === 'error') throw new Error(event.message);
        else {
          ended = true;
          break;
        }
      }
      this.flush();
      if (!ended) {
        // Closed without an end (the manager restarted): the next sync follows again.
        this.patch({ phase: 'idle' });
        return;
      }
      this.patch({ phase: 'complete' });
      moved();
      void this.readTruncation(id, signal);
    } catch (error: unknown) {
      if (signal.aborted) return;
      this.flush();
      this.patch({ phase: 'idle', error: `The log stream broke: ${describeFailure(error)}` });
    }
  }

  /** The stream does not say whether a stream was cut at its cap; the stored logs do. */
  private async readTruncation(id: string, signal: AbortSignal): Promise<void> {
    try {
      const { truncated } = await this.api.readLogs(this.token(), id, { tail: 1 });
      if (!signal.aborted) this.patch({ truncated });
    } catch {
      // Only the note is missing; the lines are all shown.
    }
  }

  private add(entry: LogEntry): void {
    this.pending.push(entry);
    this.flushTimer ??= setTimeout(() => this.flush());
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.pending.length) return;
    const added = this.pending;
    this.pending = [];
    this.state.update((state) => ({ ...state, entries: [...state.entries, ...added] }));
  }

  private reset(job: string | null): void {
    this.stop.abort();
    this.stop = new AbortController();
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.pending = [];
    this.state.set({ ...initialState, job });
  }

  private patch(change: Partial<LogState>): void {
    this.state.update((state) => ({ ...state, ...change }));
  }
}
