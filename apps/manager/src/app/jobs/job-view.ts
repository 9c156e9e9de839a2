import type { BatchJobAttemptView, BatchJobView } from '@strato/contracts';
import type { AttemptRecord, JobRecord } from './job-record';

/**
 * A job as the API shows it: the spec split into workload or script, a script without its source, and
 * its attempts, oldest first.
 */
export function toJobView(job: JobRecord, attempts: readonly AttemptRecord[]): BatchJobView {
  const { spec, attemptId, notBefore, ...rest } = job;
  return {
    ...rest,
    workload: spec.kind === 'workload' ? { name: spec.workload, params: spec.params } : null,
    script:
      spec.kind === 'script'
        ? {
            interpreter: spec.interpreter,
            sourceBytes: Buffer.byteLength(spec.source, 'utf8'),
            args: spec.args,
            env: spec.env,
          }
        : null,
    attempts: attempts.map(toAttemptView),
  };
}

export const toAttemptView = (attempt: AttemptRecord): BatchJobAttemptView => ({
  attempt: attempt.number,
  node: attempt.node,
  agent: attempt.agent,
  startedAt: attempt.startedAt,
  endedAt: attempt.finishedAt,
  exitCode: attempt.exitCode,
  signal: attempt.signal,
  reason: attempt.reason,
});
