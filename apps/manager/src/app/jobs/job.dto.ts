import { ApiProperty } from '@nestjs/swagger';
import {
  BATCH_JOB_STATUSES,
  type BatchJobArray,
  type BatchJobStatus,
  type BatchJobView,
  SCRIPT_INTERPRETERS,
  type ScriptInterpreter,
  type ScriptSummary,
} from '@strato/contracts';
import { JobAttemptDto } from './job-attempt.dto';
import { RetryPolicyDto } from './retry-policy.dto';

export class JobWorkloadDto {
  @ApiProperty({ example: 'heavy' }) name!: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { scale: 1 } })
  params!: Record<string, number>;
}

export class ScriptSummaryDto implements ScriptSummary {
  @ApiProperty({ enum: SCRIPT_INTERPRETERS, example: 'sh' }) interpreter!: ScriptInterpreter;
  @ApiProperty({ type: 'integer', example: 58, description: 'size of the source in UTF-8 bytes' })
  sourceBytes!: number;
  @ApiProperty({ type: [String], example: ['hello'] }) args!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { GREETING: 'hi' } })
  env!: Record<string, string>;
}

export class JobArrayDto implements BatchJobArray {
  @ApiProperty({ example: 'job-3f9a12c4', description: 'shared by the tasks of the array' }) id!: string;
  @ApiProperty({ type: 'integer', example: 0, description: 'STRATO_JOB_INDEX of this task' }) index!: number;
  @ApiProperty({ type: 'integer', example: 20 }) count!: number;
  @ApiProperty({ type: 'integer', example: 4, description: 'most tasks running at once' })
  parallelism!: number;
}

export class JobDto implements BatchJobView {
  @ApiProperty({ example: 'job-3f9a12c4' }) id!: string;
  @ApiProperty({ example: 'heavy' }) pod!: string;

  @ApiProperty({ type: JobWorkloadDto, nullable: true, description: 'null for a script' })
  workload!: JobWorkloadDto | null;

  @ApiProperty({ type: ScriptSummaryDto, nullable: true, description: 'null for a workload' })
  script!: ScriptSummaryDto | null;

  @ApiProperty({ type: 'integer', example: 600 }) timeoutS!: number;
  @ApiProperty({ type: 'integer', example: 0 }) priority!: number;
  @ApiProperty({ type: RetryPolicyDto }) retry!: RetryPolicyDto;

  @ApiProperty({
    type: JobArrayDto,
    nullable: true,
    description: 'a task of an array; null for a single job',
  })
  array!: JobArrayDto | null;

  @ApiProperty({ enum: BATCH_JOB_STATUSES, example: 'QUEUED' }) status!: BatchJobStatus;

  @ApiProperty({ example: false, description: 'RUNNING and asked to stop: it is being killed, then ABORTED' })
  abortRequested!: boolean;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'the node of the last attempt' })
  node!: string | null;

  @ApiProperty({
    type: 'integer',
    example: 0,
    description: 'attempts started so far; the current is this one',
  })
  attempt!: number;

  @ApiProperty({ type: 'integer', nullable: true, example: null }) exitCode!: number | null;
  @ApiProperty({ type: String, nullable: true, example: null }) signal!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'why the last attempt ended, if not by its exit code: NodeLost, OOMKilled, Timeout, Aborted…',
  })
  reason!: string | null;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) submittedAt!: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z', description: 'when it last entered the queue' })
  queuedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'start of the last attempt' })
  startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) finishedAt!: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: null,
    description: 'run time of the last attempt',
  })
  durationMs!: number | null;

  @ApiProperty({
    type: [JobAttemptDto],
    description:
      'every attempt started, oldest first (the last is the current one); empty before the first start',
  })
  attempts!: JobAttemptDto[];
}
