import { ApiProperty } from '@nestjs/swagger';
import {
  JOB_END_REASONS,
  type JobEndReason,
  RETRY_ACTIONS,
  type RetryAction,
  type RetryPolicy,
  type RetryRule,
} from '@strato/contracts';
import { ArrayMaxSize, IsArray, IsIn, IsInt, Max, Min } from 'class-validator';
import { NestedObjects } from '../validation/nested';
import { MayBeOmitted } from '../validation/field-presence';

export const MAX_RETRIES = 10;
export const MAX_BACKOFF_MS = 86_400_000;
export const MAX_RETRY_RULES = 20;

export class RetryRuleDto implements RetryRule {
  @ApiProperty({
    required: false,
    type: 'array',
    items: { type: 'integer', minimum: 0, maximum: 255 },
    example: [2],
    description: 'matches an attempt that exited with one of these codes',
  })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(256)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(255, { each: true })
  onExitCodes?: number[];

  @ApiProperty({
    required: false,
    type: 'array',
    items: { type: 'string', enum: [...JOB_END_REASONS] },
    example: ['NodeLost', 'OOMKilled'],
    description: 'matches an attempt that ended for one of these reasons',
  })
  @MayBeOmitted()
  @IsArray()
  @IsIn(JOB_END_REASONS, { each: true })
  onReasons?: JobEndReason[];

  @ApiProperty({ enum: RETRY_ACTIONS, example: 'FailJob', description: 'what a match does' })
  @IsIn(RETRY_ACTIONS)
  action!: RetryAction;
}

/** What the owner says of retries; what is left out keeps the default. */
export class RetryPolicyChangeDto {
  @ApiProperty({
    type: 'integer',
    required: false,
    minimum: 0,
    maximum: MAX_RETRIES,
    example: 2,
    description: 'attempts after the first (default 2)',
  })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  @Max(MAX_RETRIES)
  maxRetries?: number;

  @ApiProperty({
    type: 'integer',
    required: false,
    minimum: 0,
    maximum: MAX_BACKOFF_MS,
    example: 1000,
    description: 'delay before the first retry, doubled for each next one (default 1000)',
  })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  @Max(MAX_BACKOFF_MS)
  backoffBaseMs?: number;

  @ApiProperty({
    type: 'integer',
    required: false,
    minimum: 0,
    maximum: MAX_BACKOFF_MS,
    example: 60000,
    description: 'longest delay between attempts (default 60000)',
  })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  @Max(MAX_BACKOFF_MS)
  backoffMaxMs?: number;

  @ApiProperty({
    type: [RetryRuleDto],
    required: false,
    description:
      'the first rule that matches decides; with none, a failure is retried (a timeout is not) while retries are left',
  })
  @MayBeOmitted()
  @NestedObjects(() => RetryRuleDto, MAX_RETRY_RULES)
  rules?: RetryRuleDto[];
}

export class RetryRuleViewDto implements RetryRule {
  @ApiProperty({ required: false, type: [Number], example: [2] })
  onExitCodes?: number[];

  @ApiProperty({ required: false, enum: JOB_END_REASONS, isArray: true, example: ['NodeLost'] })
  onReasons?: JobEndReason[];

  @ApiProperty({ enum: RETRY_ACTIONS, example: 'FailJob' })
  action!: RetryAction;
}

export class RetryPolicyDto implements RetryPolicy {
  @ApiProperty({ type: 'integer', example: 2 }) maxRetries!: number;
  @ApiProperty({ type: 'integer', example: 1000 }) backoffBaseMs!: number;
  @ApiProperty({ type: 'integer', example: 60000 }) backoffMaxMs!: number;
  @ApiProperty({ type: [RetryRuleViewDto] }) rules!: RetryRuleViewDto[];
}
