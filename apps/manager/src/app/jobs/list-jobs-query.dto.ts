import { ApiProperty } from '@nestjs/swagger';
import { BATCH_JOB_STATUSES, type BatchJobStatus } from '@strato/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { MayBeOmitted } from '../validation/field-presence';
import { QueryNumber } from '../validation/query-number';

export const MAX_JOBS_PAGE = 1000;
/** SQLite's OFFSET takes integers only: a larger number would bind as a REAL and fail. */
export const MAX_JOBS_OFFSET = 1_000_000_000;

export class ListJobsQueryDto {
  @ApiProperty({
    required: false,
    example: 'heavy',
    description: 'only the jobs of this pod (name or alias)',
  })
  @MayBeOmitted()
  @IsString()
  pod?: string;

  @ApiProperty({ required: false, example: 'n1', description: 'only the jobs whose last attempt ran there' })
  @MayBeOmitted()
  @IsString()
  node?: string;

  @ApiProperty({ required: false, enum: BATCH_JOB_STATUSES, example: 'QUEUED' })
  @MayBeOmitted()
  @IsIn(BATCH_JOB_STATUSES, { message: `status must be one of ${BATCH_JOB_STATUSES.join(', ')}` })
  status?: BatchJobStatus;

  @ApiProperty({ required: false, example: 'job-3f9a12c4', description: 'only the tasks of this array' })
  @MayBeOmitted()
  @IsString()
  array?: string;

  @ApiProperty({ type: 'integer', required: false, minimum: 1, maximum: MAX_JOBS_PAGE, example: 50 })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_JOBS_PAGE)
  limit?: number;

  @ApiProperty({
    type: 'integer',
    required: false,
    minimum: 0,
    maximum: MAX_JOBS_OFFSET,
    example: 0,
    description: 'jobs to skip, newest first (the next page: offset + limit)',
  })
  @MayBeOmitted()
  // `offset=` is no number: Number('') would read it as 0 and accept it.
  @QueryNumber()
  @IsInt()
  @Min(0)
  @Max(MAX_JOBS_OFFSET)
  offset?: number;
}
