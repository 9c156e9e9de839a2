import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, Max, Min } from 'class-validator';
import { SCALING_METRICS } from '@strato/elasticity';
import { MayBeOmitted } from '../validation/field-presence';

const METRICS = SCALING_METRICS;
const KINDS = ['threshold', 'target-tracking'] as const;

/** A change to a pod's elasticity: every field optional, merged into the current policy. */
export class UpdateElasticityDto {
  @ApiProperty({ required: false })
  @MayBeOmitted()
  @IsBoolean()
  enabled?: boolean;

  @ApiProperty({ required: false, enum: KINDS })
  @MayBeOmitted()
  @IsIn(KINDS)
  kind?: (typeof KINDS)[number];

  @ApiProperty({
    required: false,
    enum: METRICS,
    description:
      'cpu: % of the node cap; requestsPerNode: req/s; latencyP90: ms; queueDepth: requests served or waiting per job thread; jobBacklog: batch jobs running or queued to start per batch-job slot',
  })
  @MayBeOmitted()
  @IsIn(METRICS)
  metric?: (typeof METRICS)[number];

  @ApiProperty({ minimum: 0, required: false, example: 20, description: 'threshold: scale in below' })
  @MayBeOmitted()
  @IsNumber()
  @Min(0)
  lower?: number;

  @ApiProperty({ minimum: 0, required: false, example: 70, description: 'threshold: scale out above' })
  @MayBeOmitted()
  @IsNumber()
  @Min(0)
  upper?: number;

  @ApiProperty({
    minimum: 0,
    required: false,
    example: 50,
    description: 'target-tracking: the metric value to hold',
  })
  @MayBeOmitted()
  @IsNumber()
  @Min(0)
  target?: number;

  @ApiProperty({ minimum: 0, maximum: 0.99, required: false, example: 0.1 })
  @MayBeOmitted()
  @IsNumber()
  @Min(0)
  @Max(0.99)
  tolerance?: number;

  @ApiProperty({ type: 'integer', minimum: 0, required: false, example: 1 })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  minNodes?: number;

  @ApiProperty({ type: 'integer', minimum: 1, required: false, example: 6 })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  maxNodes?: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    required: false,
    example: 1,
    description:
      'warm nodes kept ready out of the load balancer (STANDBY) for a scale-out to promote at once; they count towards maxNodes',
  })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  warmNodes?: number;

  @ApiProperty({ type: 'integer', minimum: 1, required: false, example: 1 })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  step?: number;

  @ApiProperty({ type: 'integer', minimum: 0, required: false, example: 3000 })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  scaleOutCooldownMs?: number;

  @ApiProperty({ type: 'integer', minimum: 0, required: false, example: 15000 })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  scaleInCooldownMs?: number;

  @ApiProperty({ type: 'integer', minimum: 0, required: false, example: 30000 })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  scaleInStabilizationMs?: number;

  @ApiProperty({ type: 'integer', minimum: 100, required: false, example: 3000 })
  @MayBeOmitted()
  @IsInt()
  @Min(100)
  windowMs?: number;
}

export class EnableElasticityDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'LOWER_SIZE: fewest nodes' })
  @IsInt()
  @Min(0)
  minNodes!: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 6, description: 'UPPER_SIZE: most nodes' })
  @IsInt()
  @Min(1)
  maxNodes!: number;
}

export class TickDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 600000,
    example: 1000,
    description: 'ms between evaluations; 0 stops the loop',
  })
  @IsInt()
  @Min(0)
  @Max(600_000)
  tickMs!: number;
}

export class ConditionDto {
  @ApiProperty({ example: 'AbleToScale' }) type!: string;
  @ApiProperty() status!: boolean;
  @ApiProperty({ example: 'ReadyForNewScale' }) reason!: string;
  @ApiProperty() message!: string;
}

export class ElasticityStatusDto {
  @ApiProperty({ description: 'when the last evaluation ran' }) at!: string;
  @ApiProperty({ enum: METRICS }) metric!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty() detail!: string;
  @ApiProperty() currentNodes!: number;
  @ApiProperty() readyNodes!: number;
  @ApiProperty() desiredNodes!: number;
  @ApiProperty({ example: 'AboveUpperThreshold' }) reason!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: [ConditionDto] }) conditions!: ConditionDto[];
}

export class ElasticityDto {
  @ApiProperty({ example: 'light' }) pod!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: Object, description: 'the policy (threshold or target-tracking) with every field' })
  policy!: Record<string, unknown>;
  @ApiProperty({ type: ElasticityStatusDto, nullable: true, description: 'the last evaluation, if any' })
  status!: ElasticityStatusDto | null;
  @ApiProperty({ description: 'ms between evaluations (0: loop off)' }) tickMs!: number;
}
