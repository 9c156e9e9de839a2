import {
  type BatchJobSpec,
  MAX_JOB_TIMEOUT_S,
  MAX_SCRIPT_BYTES,
  SCRIPT_INTERPRETERS,
  type StartJobAttemptRequest,
} from '@strato/contracts';
import {
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  Validate,
  type ValidatorConstraintInterface,
  ValidatorConstraint,
} from 'class-validator';

/** The manager validated the job at submit; the agent checks only that it can run it as given. */
@ValidatorConstraint({ name: 'batchJobSpec' })
class IsBatchJobSpec implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    const job = value as Partial<Record<string, unknown>>;
    if (job?.['kind'] === 'workload') {
      const params = job['params'];
      return (
        typeof job['workload'] === 'string' &&
        typeof params === 'object' &&
        params !== null &&
        Object.entries(params).every(
          ([key, v]) => /^[a-z]+$/.test(key) && typeof v === 'number' && Number.isFinite(v),
        )
      );
    }
    if (job?.['kind'] === 'script') {
      const env = job['env'];
      return (
        (SCRIPT_INTERPRETERS as readonly unknown[]).includes(job['interpreter']) &&
        typeof job['source'] === 'string' &&
        Buffer.byteLength(job['source']) <= MAX_SCRIPT_BYTES &&
        Array.isArray(job['args']) &&
        job['args'].every((arg) => typeof arg === 'string') &&
        typeof env === 'object' &&
        env !== null &&
        Object.values(env).every((v) => typeof v === 'string')
      );
    }
    return false;
  }

  defaultMessage(): string {
    return 'job must be {kind: "workload", workload, params} or {kind: "script", interpreter, source, args, env}';
  }
}

export class StartJobAttemptDto implements StartJobAttemptRequest {
  @IsString()
  @Matches(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, {
    message: 'attemptId must be letters, digits, _ . - (max 63)',
  })
  attemptId!: string;

  @IsString()
  @Matches(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, { message: 'jobId must be letters, digits, _ . - (max 63)' })
  jobId!: string;

  @IsInt()
  @Min(0)
  index!: number;

  @IsInt()
  @Min(1)
  attempt!: number;

  @IsObject()
  @Validate(IsBatchJobSpec)
  job!: BatchJobSpec;

  @IsNumber()
  @Min(0.001)
  @Max(MAX_JOB_TIMEOUT_S)
  timeoutS!: number;
}
