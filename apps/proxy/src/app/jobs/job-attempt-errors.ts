/** No attempt with this id on this node (never started here, acknowledged, or lost in an agent restart). */
export class JobAttemptNotFoundError extends Error {
  readonly code = 'JOB_ATTEMPT_NOT_FOUND';
  override readonly name = 'JobAttemptNotFoundError';

  constructor(nodeId: string, attemptId: string) {
    super(`no job attempt ${attemptId} on node ${nodeId}`);
  }
}

/** An acknowledgement of an attempt that still runs: kill it first. */
export class JobAttemptRunningError extends Error {
  readonly code = 'JOB_ATTEMPT_RUNNING';
  override readonly name = 'JobAttemptRunningError';

  constructor(attemptId: string) {
    super(`job attempt ${attemptId} still runs: kill it before acknowledging it`);
  }
}
