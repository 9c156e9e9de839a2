import { Module } from '@nestjs/common';
import { AgentRegistryModule } from '../agents/registry/agent-registry.module';
import { BusyNodes } from './busy-nodes';
import { AttemptEnder } from './dispatch/attempt-ender';
import { AttemptFollower } from './dispatch/attempt-follower';
import { AttemptSweeper } from './dispatch/attempt-sweeper';
import { JobDispatcher } from './dispatch/job-dispatcher';
import { JobAborter } from './job-aborter';
import { JobStarter } from './dispatch/job-starter';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';
import { JobLogsService } from './logs/job-logs.service';
import { JobOutputRepository } from './logs/job-output.repository';

/**
 * Batch jobs: submit, list, get, logs, abort; the store of jobs, attempts and their output; the dispatcher
 * that starts them on their pod's nodes through the agents and follows them to the end.
 */
@Module({
  imports: [AgentRegistryModule],
  controllers: [JobsController],
  providers: [
    JobsService,
    JobsRepository,
    JobAborter,
    JobOutputRepository,
    JobLogsService,
    AttemptEnder,
    AttemptFollower,
    AttemptSweeper,
    JobStarter,
    JobDispatcher,
    BusyNodes,
  ],
  exports: [JobsService, JobsRepository, BusyNodes],
})
export class JobsModule {}
