import { ApiProperty } from '@nestjs/swagger';
import {
  BATCH_WORKLOAD_NAMES,
  type BatchWorkloadName,
  DEFAULT_JOB_TIMEOUT_S,
  MAX_ARRAY_COUNT,
  MAX_JOB_TIMEOUT_S,
  MAX_SCRIPT_BYTES,
  SCRIPT_INTERPRETERS,
  type ScriptInterpreter,
} from '@strato/contracts';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { NestedObject } from '../validation/nested';
import { MayBeOmitted } from '../validation/field-presence';
import { IsEnvironment, IsNumberMap, MaxUtf8Bytes } from './job-validators';
import { RetryPolicyChangeDto } from './retry-policy.dto';

export const MAX_SCRIPT_ARGS = 256;
export const MAX_SCRIPT_ENV = 128;
export const MAX_PRIORITY = 1000;

export class WorkloadRequestDto {
  @ApiProperty({
    enum: BATCH_WORKLOAD_NAMES,
    example: 'heavy',
    description: 'a workload of the catalogue (GET /api/v1/jobs/workloads lists it with its parameters)',
  })
  @IsIn(BATCH_WORKLOAD_NAMES, {
    message: `workload name must be one of the catalogue: ${BATCH_WORKLOAD_NAMES.join(', ')}`,
  })
  name!: BatchWorkloadName;

  @ApiProperty({
    required: false,
    type: Object,
    additionalProperties: { type: 'number' },
    example: { scale: 1 },
    description: "the workload's parameters; what is left out gets its default",
  })
  @MayBeOmitted()
  @IsNumberMap()
  params?: Record<string, number>;
}

export class ScriptDto {
  @ApiProperty({ enum: SCRIPT_INTERPRETERS, example: 'sh', description: 'run with sh, node or python3' })
  @IsIn(SCRIPT_INTERPRETERS, { message: `interpreter must be one of ${SCRIPT_INTERPRETERS.join(', ')}` })
  interpreter!: ScriptInterpreter;

  @ApiProperty({
    example: 'echo "task $STRATO_JOB_INDEX, attempt $STRATO_JOB_ATTEMPT: $1"',
    description: `the script itself, at most ${MAX_SCRIPT_BYTES} bytes (${MAX_SCRIPT_BYTES / 1024} KiB) of UTF-8`,
  })
  @IsString()
  @MaxUtf8Bytes(MAX_SCRIPT_BYTES)
  source!: string;

  @ApiProperty({ required: false, type: [String], example: ['hello'], description: 'its arguments' })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(MAX_SCRIPT_ARGS)
  @IsString({ each: true })
  args?: string[];

  @ApiProperty({
    required: false,
    type: Object,
    additionalProperties: { type: 'string' },
    example: { GREETING: 'hi' },
    description: `environment variables (at most ${MAX_SCRIPT_ENV}; STRATO_* names are reserved)`,
  })
  @MayBeOmitted()
  @IsEnvironment(MAX_SCRIPT_ENV)
  env?: Record<string, string>;
}

/** A batch job: either a catalogue workload or a script, on a pod, once or as an array of tasks. */
export class SubmitJobDto {
  @ApiProperty({ example: 'heavy', description: 'the pod whose nodes run it (name or seed alias 0/1/2)' })
  @IsString()
  pod!: string;

  @ApiProperty({
    type: WorkloadRequestDto,
    required: false,
    example: { name: 'heavy', params: { scale: 1 } },
    description: 'what to run, from the catalogue; give this or script',
  })
  @MayBeOmitted()
  @NestedObject(() => WorkloadRequestDto)
  workload?: WorkloadRequestDto;

  @ApiProperty({ type: ScriptDto, required: false, description: 'what to run, as a script; or workload' })
  @MayBeOmitted()
  @NestedObject(() => ScriptDto)
  script?: ScriptDto;

  @ApiProperty({
    type: 'integer',
    required: false,
    minimum: 1,
    maximum: MAX_JOB_TIMEOUT_S,
    example: 600,
    description: `an attempt running longer is killed and the job TIMED_OUT (default ${DEFAULT_JOB_TIMEOUT_S})`,
  })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  @Max(MAX_JOB_TIMEOUT_S)
  timeoutS?: number;

  @ApiProperty({
    type: 'integer',
    required: false,
    minimum: -MAX_PRIORITY,
    maximum: MAX_PRIORITY,
    example: 0,
    description: 'higher runs first; equal ones in submit order (default 0)',
  })
  @MayBeOmitted()
  @IsInt()
  @Min(-MAX_PRIORITY)
  @Max(MAX_PRIORITY)
  priority?: number;

  @ApiProperty({ type: RetryPolicyChangeDto, required: false })
  @MayBeOmitted()
  @NestedObject(() => RetryPolicyChangeDto)
  retry?: RetryPolicyChangeDto;

  @ApiProperty({
    type: 'integer',
    required: false,
    minimum: 1,
    maximum: MAX_ARRAY_COUNT,
    example: 1,
    description:
      'more than 1: an array of this many tasks, each with STRATO_JOB_INDEX 0..count-1 (default 1)',
  })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  @Max(MAX_ARRAY_COUNT)
  count?: number;

  @ApiProperty({
    type: 'integer',
    required: false,
    minimum: 1,
    maximum: MAX_ARRAY_COUNT,
    example: 4,
    description: "an array's tasks running at once, at most (default: all of them)",
  })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  @Max(MAX_ARRAY_COUNT)
  parallelism?: number;
}
