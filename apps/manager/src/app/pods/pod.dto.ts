import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import {
  BALANCE_ALGORITHMS,
  DEFAULT_PODS,
  JOB_KINDS,
  type JobKind,
  MAX_JOB_SCALE,
  type PodJob,
  type BalanceAlgorithm,
  NODE_STATUSES,
  type NodeStatus,
  type PodState,
  POD_NAME_PATTERN,
  type PodView,
} from '@strato/contracts';
import { IsBoolean, IsIn, IsInt, IsNumber, IsPositive, IsString, Matches, Max, Min } from 'class-validator';
import { NestedObject } from '../validation/nested';
import { MayBeOmitted } from '../validation/field-presence';
import { PodPlacementChangeDto, PodPlacementDto } from './pod-placement.dto';
import { QueryBoolean } from '../validation/query-boolean';

export class PodJobDto implements PodJob {
  @ApiProperty({ enum: JOB_KINDS, example: 'light', description: 'what GET /<pod> runs on its nodes' })
  kind!: JobKind;

  @ApiProperty({
    example: 1,
    exclusiveMinimum: true,
    minimum: 0,
    maximum: MAX_JOB_SCALE,
    description: "work size relative to the kind's standard job",
  })
  scale!: number;
}

/** A pod's job as the owner sets it; what is left out keeps its value (or the default). */
export class PodJobChangeDto {
  @ApiProperty({
    enum: JOB_KINDS,
    required: false,
    example: 'heavy',
    description: 'default: the pod of that name runs its own job, any other pod the light one',
  })
  @MayBeOmitted()
  @IsIn(JOB_KINDS, { message: `kind must be one of ${JOB_KINDS.join(', ')}` })
  kind?: JobKind;

  @ApiProperty({
    required: false,
    example: 0.5,
    exclusiveMinimum: true,
    minimum: 0,
    maximum: MAX_JOB_SCALE,
    description: `work size relative to the kind's standard job, in (0, ${MAX_JOB_SCALE}] (default 1)`,
  })
  @MayBeOmitted()
  @IsNumber()
  @IsPositive()
  @Max(MAX_JOB_SCALE)
  scale?: number;
}

/** Most batch jobs a node may run at once. */
export const MAX_JOB_SLOTS = 64;

/** An optional `jobSlots` of a pod request: a whole number of batch jobs per node, 1..MAX_JOB_SLOTS. */
const JobSlotsField = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      type: 'integer',
      required: false,
      example: 2,
      minimum: 1,
      maximum: MAX_JOB_SLOTS,
      description,
    }),
    MayBeOmitted(),
    IsInt(),
    Min(1),
    Max(MAX_JOB_SLOTS),
  );

export class PodDto implements PodView {
  @ApiProperty({ example: 'light' })
  name!: string;

  @ApiProperty({ example: 0.3, description: 'CPU quota of each node, in CPUs' })
  cpus!: number;

  @ApiProperty({ example: 100, description: 'memory limit of each node, in MiB' })
  memoryMiB!: number;

  @ApiProperty({ example: 20 })
  maxNodes!: number;

  @ApiProperty({ enum: ['running', 'paused'], example: 'running' })
  state!: PodState;

  @ApiProperty({ enum: BALANCE_ALGORITHMS, example: 'roundrobin' })
  algorithm!: BalanceAlgorithm;

  @ApiProperty({
    type: PodJobDto,
    description: 'what GET /<pod> runs: set by the owner; end users cannot pick another job or size',
  })
  job!: PodJobDto;

  @ApiProperty({
    type: 'integer',
    example: 1,
    description:
      'batch jobs each node runs at once (the manager default STRATO_JOB_SLOTS_PER_NODE unless set)',
  })
  jobSlots!: number;

  @ApiProperty({ type: PodPlacementDto, description: 'which hosts its new nodes go to' })
  placement!: PodPlacementDto;

  @ApiProperty({ example: '/light', description: 'path on the load balancer that reaches this pod' })
  path!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: Object.fromEntries(NODE_STATUSES.map((s) => [s, 0])),
    description: 'number of nodes in each status',
  })
  nodeCounts!: Record<NodeStatus, number>;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  createdAt!: string;
}

/** What `cloud pod register NAME` gives a pod when no size is said: the light pod's (the seeds' form). */
export const DEFAULT_POD_SIZE = DEFAULT_PODS[0];

export class RegisterPodDto {
  @ApiProperty({
    example: 'gpu',
    pattern: POD_NAME_PATTERN.source,
    description: 'becomes the load-balancer path /gpu',
  })
  @IsString()
  @Matches(POD_NAME_PATTERN, {
    message: 'name must start with a letter: lower-case letters, digits and dashes, at most 31',
  })
  name!: string;

  @ApiProperty({
    example: 0.5,
    minimum: 0.05,
    maximum: 64,
    required: false,
    description: `CPU quota of each node, in CPUs (default ${DEFAULT_POD_SIZE.cpus}, the light pod's)`,
  })
  @MayBeOmitted()
  @IsNumber()
  @Min(0.05)
  @Max(64)
  cpus?: number;

  @ApiProperty({
    type: 'integer',
    example: 256,
    minimum: 32,
    maximum: 65536,
    required: false,
    description: `memory limit of each node, in MiB (default ${DEFAULT_POD_SIZE.memoryMiB})`,
  })
  @MayBeOmitted()
  @IsInt()
  @Min(32)
  @Max(65_536)
  memoryMiB?: number;

  @ApiProperty({
    type: 'integer',
    example: 10,
    minimum: 1,
    maximum: 200,
    required: false,
    description: `most nodes the pod may have (default ${DEFAULT_POD_SIZE.maxNodes})`,
  })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  @Max(200)
  maxNodes?: number;

  @ApiProperty({ enum: BALANCE_ALGORITHMS, required: false, example: 'roundrobin' })
  @MayBeOmitted()
  @IsIn(BALANCE_ALGORITHMS)
  algorithm?: BalanceAlgorithm;

  @ApiProperty({ type: PodJobChangeDto, required: false })
  @MayBeOmitted()
  @NestedObject(() => PodJobChangeDto)
  job?: PodJobChangeDto;

  @JobSlotsField('batch jobs each node runs at once (default: the manager’s STRATO_JOB_SLOTS_PER_NODE, 1)')
  jobSlots?: number;

  @ApiProperty({ type: PodPlacementChangeDto, required: false, description: 'default: spread, any host' })
  @MayBeOmitted()
  @NestedObject(() => PodPlacementChangeDto)
  placement?: PodPlacementChangeDto;
}

export class UpdatePodDto {
  @ApiProperty({
    required: false,
    example: 0.4,
    minimum: 0.05,
    maximum: 64,
    description: 'for nodes launched from now on',
  })
  @MayBeOmitted()
  @IsNumber()
  @Min(0.05)
  @Max(64)
  cpus?: number;

  @ApiProperty({
    type: 'integer',
    required: false,
    example: 128,
    minimum: 32,
    maximum: 65536,
    description: 'for nodes launched from now on',
  })
  @MayBeOmitted()
  @IsInt()
  @Min(32)
  @Max(65_536)
  memoryMiB?: number;

  @ApiProperty({ type: 'integer', required: false, example: 12, minimum: 1, maximum: 200 })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  @Max(200)
  maxNodes?: number;

  @ApiProperty({
    type: PodJobChangeDto,
    required: false,
    description: 'takes effect at once, on every node: the load balancer names the job to them',
  })
  @MayBeOmitted()
  @NestedObject(() => PodJobChangeDto)
  job?: PodJobChangeDto;

  @JobSlotsField('batch jobs each node runs at once, from the next dispatch on')
  jobSlots?: number;

  @ApiProperty({
    type: PodPlacementChangeDto,
    required: false,
    description: 'for nodes launched from now on; running nodes stay where they are',
  })
  @MayBeOmitted()
  @NestedObject(() => PodPlacementChangeDto)
  placement?: PodPlacementChangeDto;
}

export class RemovePodQueryDto {
  @ApiProperty({ required: false, example: false, description: "drain and remove the pod's nodes first" })
  @MayBeOmitted()
  @QueryBoolean()
  @IsBoolean()
  force?: boolean;
}

export class InitResultDto {
  @ApiProperty({
    type: [String],
    example: ['light', 'medium', 'heavy'],
    description: 'pods created by this call',
  })
  created!: string[];

  @ApiProperty({ type: [PodDto] })
  pods!: PodDto[];
}

/** The job after a change: only the fields the change sets (a DTO instance carries the others as undefined). */
export function changedJob(current: PodJob, change: PodJobChangeDto | undefined): PodJob {
  return { kind: change?.kind ?? current.kind, scale: change?.scale ?? current.scale };
}
