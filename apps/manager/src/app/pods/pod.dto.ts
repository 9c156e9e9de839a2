import { ApiProperty } from '@nestjs/swagger';
import {
  BALANCE_ALGORITHMS,
  type BalanceAlgorithm,
  NODE_STATUSES,
  type NodeStatus,
  type PodState,
  type PodView,
} from '@strato/contracts';

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
