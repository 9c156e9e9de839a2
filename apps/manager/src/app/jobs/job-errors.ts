import type { BatchJobStatus } from '@strato/contracts';
import { DomainError } from '../errors/domain-error';

export class JobNotFoundError extends DomainError {
  readonly code = 'JOB_NOT_FOUND';
  readonly kind = 'not-found';
  constructor(id: string) {
    super(`unknown job "${id}"; \`cloud job ls\` lists the jobs`, { job: id });
  }
}

export class JobFinishedError extends DomainError {
  readonly code = 'JOB_FINISHED';
  readonly kind = 'conflict';
  constructor(id: string, status: BatchJobStatus) {
    super(`job ${id} already ended ${status}; a final state is final, so there is nothing to abort`, {
      job: id,
      status,
    });
  }
}

export class PodQueueFullError extends DomainError {
  readonly code = 'POD_QUEUE_FULL';
  readonly kind = 'overloaded';
  constructor(pod: string, queued: number, limit: number, adding: number) {
    super(
      `pod ${pod}'s job queue holds ${queued} of at most ${limit} queued jobs, no room for ${adding} more; wait for some to start or abort some`,
      { pod, queued, limit, adding },
    );
  }
}

/** A field validation cannot judge alone, such as a parameter of the chosen workload. */
export class InvalidJobError extends DomainError {
  readonly code = 'INVALID_JOB';
  readonly kind = 'invalid';
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`, { field, reason });
  }
}

export class JobAttemptNotFoundError extends DomainError {
  readonly code = 'JOB_ATTEMPT_NOT_FOUND';
  readonly kind = 'not-found';
  constructor(id: string, attempt: number, attempts: number) {
    super(
      attempts === 0
        ? `job ${id} has not started yet: it has no attempt ${attempt}`
        : `job ${id} has no attempt ${attempt}; its attempts are 1 to ${attempts}`,
      { job: id, attempt, attempts },
    );
  }
}
