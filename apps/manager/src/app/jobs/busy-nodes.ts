import { Injectable } from '@nestjs/common';
import { JobsRepository } from './jobs.repository';

/** Which nodes run a batch job now: scale-in leaves them alone (their jobs finish first). */
@Injectable()
export class BusyNodes {
  constructor(private readonly jobs: JobsRepository) {}

  isRunningJob(node: string): boolean {
    return this.jobs.runningOnNode(node).length > 0;
  }
}
