import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
import { MayBeOmitted } from '../../validation/field-presence';
import type { JobStream } from './log-lines';

export const LOG_STREAMS = ['stdout', 'stderr', 'both'] as const;
export type LogStreamChoice = (typeof LOG_STREAMS)[number];
export const MAX_LOG_TAIL = 100_000;
const MAX_ATTEMPT = 1_000_000;

export class JobLogsQueryDto {
  @ApiProperty({ required: false, enum: LOG_STREAMS, example: 'both', description: 'default both' })
  @MayBeOmitted()
  @IsIn(LOG_STREAMS, { message: `stream must be one of ${LOG_STREAMS.join(', ')}` })
  stream?: LogStreamChoice;

  @ApiProperty({
    type: 'integer',
    required: false,
    minimum: 1,
    maximum: MAX_LOG_TAIL,
    example: 100,
    description: 'only the last lines (with follow: of what was stored before); default all',
  })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LOG_TAIL)
  tail?: number;

  @ApiProperty({
    type: 'integer',
    required: false,
    minimum: 1,
    maximum: MAX_ATTEMPT,
    example: 1,
    description: 'this attempt (1, 2, …); default the last one (with follow: each next one too)',
  })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ATTEMPT)
  attempt?: number;

  @ApiProperty({
    required: false,
    example: false,
    description: 'stream the lines as they come (text/event-stream) until the job ends',
  })
  @MayBeOmitted()
  // Only true/false: `?follow=1` must fail validation, not quietly mean false.
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  follow?: boolean;
}

export class JobLogLineDto {
  @ApiProperty({ enum: ['stdout', 'stderr'], example: 'stdout' }) stream!: JobStream;
  @ApiProperty({ example: 'step 3 of 10 done', description: 'one line, without its newline' })
  text!: string;
}

export class JobLogTruncationDto {
  @ApiProperty({ example: false }) stdout!: boolean;
  @ApiProperty({ example: false }) stderr!: boolean;
}

export class JobLogsDto {
  @ApiProperty({ example: 'job-3f9a12c4' }) job!: string;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 1,
    description: 'the attempt shown; null while the job never started',
  })
  attempt!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'n1', description: 'where that attempt ran' })
  node!: string | null;

  @ApiProperty({ enum: LOG_STREAMS, example: 'both' }) stream!: LogStreamChoice;

  @ApiProperty({
    type: [JobLogLineDto],
    description: 'in arrival order, both streams mixed for `both`; a line goes where its end arrived',
  })
  lines!: JobLogLineDto[];

  @ApiProperty({
    type: JobLogTruncationDto,
    description: 'a stream went over its size cap: it ends with a marker line, the rest was dropped',
  })
  truncated!: JobLogTruncationDto;

  @ApiProperty({ example: true, description: 'the attempt ended: nothing more will come of it' })
  complete!: boolean;
}
