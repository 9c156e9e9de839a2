import { Module } from '@nestjs/common';
import { BusyNodes } from './busy-nodes';
import { JobAborter } from './job-aborter';
import { JobBacklog } from './job-backlog';
import { JobsRepository } from './jobs.repository';
import { PodJobs } from './pod-jobs';

/**
 * What the pods' batch jobs ask of their nodes: the nodes busy with a job (scale-in spares them), the
 * backlog (the jobBacklog metric), and the jobs a pod's removal would leave waiting forever. No controllers, so importing it changes neither the routes
 * nor the order Swagger documents them in (JobsRepository keeps no state: a second instance is harmless).
 */
@Module({
  providers: [JobsRepository, JobAborter, BusyNodes, JobBacklog, PodJobs],
  exports: [BusyNodes, JobBacklog, PodJobs],
})
export class JobLoadModule {}
