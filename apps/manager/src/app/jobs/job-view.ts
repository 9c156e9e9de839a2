import type { BatchJobView } from '@strato/contracts';
import type { JobRecord } from './job-record';

/** A job as the API shows it: the spec split into workload or script, a script without its source. */
export function toJobView(job: JobRecord): BatchJobView {
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
  };
}
