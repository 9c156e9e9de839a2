import { Injectable } from '@nestjs/common';
import { EventBus } from '../events/event-bus';
import { type AbortOutcome, JobsRepository } from './jobs.repository';

/** Aborts one job and says so: a QUEUED one ends at once, a RUNNING one is marked for the dispatcher to kill. */
@Injectable()
export class JobAborter {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly bus: EventBus,
  ) {}

  /** Undefined for an unknown job; idempotent, like the store's abort. */
  abort(id: string, why = 'by the owner'): AbortOutcome | undefined {
    const result = this.jobs.abort(id);
    if (!result) return undefined;
    const { outcome, job } = result;
    if (outcome === 'aborted')
      this.bus.publish({
        type: 'JobAborted',
        pod: job.pod,
        message: `job ${id} aborted while queued (${why})`,
      });
    if (outcome === 'abort-requested')
      this.bus.publish({
        type: 'JobAbortRequested',
        pod: job.pod,
        node: job.node ?? undefined,
        message: `abort of job ${id} requested (${why}); attempt ${job.attempt} on node ${job.node} is to be killed`,
      });
    return result;
  }
}
