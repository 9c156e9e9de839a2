import type { Job } from '@strato/api-client';
import type { FakeManager } from './fake-manager';
import { houseError } from './fake-manager';

const FILTERED_FIELDS = ['pod', 'node', 'status'] as const;

/**
 * The manager's jobs behind `GET /api/v1/jobs` and `GET /api/v1/jobs/{id}`, as its repository
 * answers: filtered by pod, node, status and array, newest submitted first, `offset` skipped,
 * `limit` of them (50 unless told), each with its `attempts` as held. `serve(manager)` answers both
 * routes for the jobs held now.
 */
export class FakeJobs {
  jobs: Job[] = [];

  serve(manager: FakeManager): void {
    manager.on('GET', '/api/v1/jobs', this.list);
    for (const job of this.jobs) manager.on('GET', `/api/v1/jobs/${job.id}`, () => this.get(job.id));
  }

  readonly list = (request: Request): Response => {
    const query = new URL(request.url).searchParams;
    const offset = Number(query.get('offset') ?? 0);
    const page = this.jobs
      .filter((job) =>
        FILTERED_FIELDS.every((field) => {
          const wanted = query.get(field);
          return wanted === null || job[field] === wanted;
        }),
      )
      .filter((job) => query.get('array') === null || job.array?.id === query.get('array'))
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
      .slice(offset, offset + Number(query.get('limit') ?? 50));
    return Response.json(page);
  };

  get(id: string): Response {
    const job = this.jobs.find((held) => held.id === id);
    return job ? Response.json(job) : houseError(404, 'Not Found', `unknown job "${id}"`);
  }
}
