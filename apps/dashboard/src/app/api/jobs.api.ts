import { Injectable, inject } from '@angular/core';
import { type Job, type JobLogs, type operations, unwrap } from '@strato/api-client';
import { type JobLogEvent, readJobLogEvents } from './job-log-events';
import { StratoClients } from './strato-clients';

/** What `GET /api/v1/jobs` can be asked: pod, node, status, array, and a page (`limit`, `offset`). */
export type JobsQuery = NonNullable<operations['listJobs']['parameters']['query']>;
/** Which lines of a job's logs: a stream, the last `tail`, an attempt (default the last). */
export type JobLogsQuery = Omit<NonNullable<operations['getJobLogs']['parameters']['query']>, 'follow'>;

/** The manager's batch jobs. Failures reject with `StratoApiError` (see `api-errors.ts`). */
@Injectable({ providedIn: 'root' })
export class JobsApi {
  private readonly clients = inject(StratoClients);

  /** Newest first. */
  listJobs(token: string, query: JobsQuery): Promise<Job[]> {
    return unwrap(this.clients.for(token).GET('/api/v1/jobs', { params: { query } }));
  }

  getJob(token: string, id: string): Promise<Job> {
    return unwrap(this.clients.for(token).GET('/api/v1/jobs/{id}', { params: { path: { id } } }));
  }

  /** A QUEUED job comes back ABORTED; a RUNNING one with `abortRequested`, ABORTED once killed; an ended one is a 409. */
  abort(token: string, id: string): Promise<Job> {
    return unwrap(this.clients.for(token).POST('/api/v1/jobs/{id}/abort', { params: { path: { id } } }));
  }

  async readLogs(token: string, id: string, query: JobLogsQuery = {}): Promise<JobLogs> {
    const logs = await unwrap(
      this.clients.for(token).GET('/api/v1/jobs/{id}/logs', { params: { path: { id }, query } }),
    );
    // The route documents its follow mode's text/event-stream too; without follow it answers JSON.
    return logs as JobLogs;
  }

  /**
   * The route's follow mode: the stored lines, then each new one, attempt after attempt, until `end`
   * (or the attempt asked for ended); stops when `signal` aborts. Over fetch rather than an
   * EventSource: the stream ends by design and cannot resume, so a reconnect would only replay it.
   */
  async *followLogs(
    token: string,
    id: string,
    query: JobLogsQuery,
    signal: AbortSignal,
  ): AsyncGenerator<JobLogEvent> {
    const body = await unwrap(
      this.clients.for(token).GET('/api/v1/jobs/{id}/logs', {
        params: { path: { id }, query: { ...query, follow: true } },
        headers: { accept: 'text/event-stream' },
        parseAs: 'stream',
        signal,
      }),
    );
    if (!body) throw new Error('the manager answered the log stream without a body');
    yield* readJobLogEvents(body);
  }
}
