import { ApiProperty } from '@nestjs/swagger';
import {
  NODE_NAME_PATTERN,
  NODE_STATUSES,
  type NodeLimitsView,
  type NodeStatus,
  type NodeView,
} from '@strato/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { MayBeOmitted } from '../validation/field-presence';

export class NodeLimitsDto implements NodeLimitsView {
  @ApiProperty({
    type: Boolean,
    nullable: true,
    example: false,
    description:
      'whether the host applies the pod’s CPU and memory caps to the node (null: unknown, not launched yet)',
  })
  enforced!: boolean | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'cgroup /sys/fs/cgroup/user.slice is not writable (EACCES): not delegated to this agent',
    description: 'why the caps are not enforced; null when they are, or while unknown',
  })
  reason!: string | null;
}

export class NodeDto implements NodeView {
  @ApiProperty({ example: 'n1' })
  name!: string;

  @ApiProperty({ example: 'light' })
  pod!: string;

  @ApiProperty({ enum: NODE_STATUSES, example: 'ONLINE' })
  status!: NodeStatus;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 1,
    description: 'how many times the node was launched; each launch is a new incarnation',
  })
  incarnation!: number;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'why the node FAILED' })
  reason!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'local',
    description: 'the agent (host) running the node',
  })
  agent!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '127.0.0.1' })
  host!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 20001 })
  port!: number | null;

  @ApiProperty({
    example: 1,
    minimum: 0,
    maximum: 256,
    description: 'load-balancer weight (0: no new requests)',
  })
  weight!: number;

  @ApiProperty({ type: NodeLimitsDto, description: 'whether the node runs within its CPU and memory caps' })
  limits!: NodeLimitsDto;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '2026-11-22T10:00:01.000Z' })
  updatedAt!: string;
}

export class RegisterNodeDto {
  @ApiProperty({ example: 'n1', pattern: NODE_NAME_PATTERN.source, description: 'unique node name' })
  @IsString()
  @Matches(NODE_NAME_PATTERN, {
    message: 'name must be lower-case letters, digits and dashes (at most 41), e.g. n1',
  })
  name!: string;

  @ApiProperty({ example: 'light', description: 'pod name or seed alias (0/1/2)' })
  @IsString()
  @IsNotEmpty()
  pod!: string;
}

export class ListNodesQueryDto {
  @ApiProperty({
    required: false,
    example: 'light',
    description: 'only the nodes of this pod (name or alias)',
  })
  @MayBeOmitted()
  @IsString()
  pod?: string;
}

export class RemoveNodeQueryDto {
  @ApiProperty({
    required: false,
    example: 'light',
    description: 'the pod the node must be in (name or alias)',
  })
  @MayBeOmitted()
  @IsString()
  pod?: string;
}

export class NodeLogsQueryDto {
  @ApiProperty({
    type: 'integer',
    required: false,
    example: 100,
    minimum: 1,
    maximum: 10000,
    description: 'how many lines',
  })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  tail?: number;
}

export class NodeLogsDto {
  @ApiProperty({ example: 'n1' })
  node!: string;

  @ApiProperty({ example: 'job server n1 (light) on 127.0.0.1:20001\n' })
  logs!: string;
}
