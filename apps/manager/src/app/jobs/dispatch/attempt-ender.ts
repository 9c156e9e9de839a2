import { Injectable, Logger } from '@nestjs/common';
import type { DomainEventType } from '../../events/domain-event';
import { EventBus } from '../../events/event-bus';
import type { JobRecord } from '../job-record';
import { type EndOutcome, JobsRepository } from '../jobs.repository';
import { type AttemptExit, describeExit, verdictOf } from './attempt-verdict';

const EVENT_OF: Record<string, DomainEventType> = {
  SUCCEEDED: 'JobSucceeded',
  FAILED: 'JobFailed',
  TIMED_OUT: 'JobTimedOut',
  ABORTED: 'JobAborted',
  QUEUED: 'JobRequeued',
};

/**
 * Ends a job's current attempt: final, or requeued after its backoff, as the retry policy says, and
 * announces it. The store judges the report: one about an attempt that is no longer current changes nothing.
 */
@Injectable()
export class AttemptEnder {
  private readonly logger = new Logger(AttemptEnder.name);

  constructor(
    private readonly jobs: JobsRepository,
    private readonly events: EventBus,
  ) {}

  end(job: JobRecord, attemptId: string, exit: AttemptExit, now = new Date(), detail = ''): EndOutcome {
    const verdict = verdictOf(exit, job.retry, job.attempt, now);
    const outcome = this.jobs.endAttempt(
      job.id,
      {
        attemptId,
        status: verdict.status,
        exitCode: exit.exitCode,
        signal: exit.signal,
        reason: exit.reason,
        notBefore: verdict.status === 'QUEUED' ? verdict.notBefore : null,
      },
      now,
    );
    if (!outcome.applied) {
      this.logger.debug(`report of attempt ${attemptId} of job ${job.id} ignored: ${outcome.why}`);
      return outcome;
    }
    const ended = outcome.job;
    const how = describeExit(exit) + (detail ? `: ${detail}` : '');
    const where = `attempt ${job.attempt} on node ${job.node}`;
    const message =
      ended.status === 'QUEUED' && verdict.status === 'QUEUED'
        ? `job ${job.id} ${where} ended ${how}; requeued for ${verdict.why}, in ${verdict.delayMs} ms`
        : ended.status === 'SUCCEEDED'
          ? `job ${job.id} SUCCEEDED, ${where}, in ${ended.durationMs} ms`
          : `job ${job.id} ${ended.status}, ${where}: ${how} (${ended.status === verdict.status ? verdict.why : 'an abort was asked for'})`;
    this.events.publish({
      type: EVENT_OF[ended.status] ?? 'JobFailed',
      pod: job.pod,
      node: job.node ?? undefined,
      message,
    });
    return outcome;
  }
}
