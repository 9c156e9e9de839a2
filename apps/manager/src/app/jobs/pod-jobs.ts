import { Injectable } from '@nestjs/common';
import { JobAborter } from './job-aborter';
import type { JobRecord } from './job-record';
import { JobsRepository } from './jobs.repository';

/** A pod's batch jobs that have not ended, for removing the pod: they would wait for it forever. */
@Injectable()
export class PodJobs {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly aborter: JobAborter,
  ) {}

  active(pod: string): JobRecord[] {
    return [...this.jobs.queued(pod), ...this.jobs.running().filter((job) => job.pod === pod)];
  }

  /** Aborts every one of them; the running ones are killed by the dispatcher. Returns how many. */
  abortAll(pod: string): number {
    const active = this.active(pod);
    for (const job of active) this.aborter.abort(job.id, `pod ${pod} removed`);
    return active.length;
  }
}
