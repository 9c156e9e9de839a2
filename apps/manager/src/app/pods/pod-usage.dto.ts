import { ApiProperty } from '@nestjs/swagger';
import { NODE_STATUSES, type NodeStatus } from '@strato/contracts';

export class NodeUsageDto {
  @ApiProperty({ example: 'n1' })
  node!: string;

  @ApiProperty({ enum: NODE_STATUSES, example: 'ONLINE' })
  status!: NodeStatus;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12.5,
    description: 'CPU time used since the node started, in seconds; read it twice for the use in between',
  })
  cpuSeconds!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 24,
    description: "CPU used over the agent's last sample period, in % of one core (30 = 0.3 CPU)",
  })
  cpuPercent!: number | null;

  @ApiProperty({ example: 0.3, description: "the node's CPU cap, in CPUs" })
  cpus!: number;

  @ApiProperty({ type: Number, nullable: true, example: 41_943_040 })
  memoryBytes!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 104_857_600 })
  memoryLimitBytes!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description: 'CPU periods in which the cap held the node back (cumulative)',
  })
  throttledPeriods!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-12-01T10:00:00.000Z',
    description: 'when the agent sampled it; null: no sample (not running, or its agent is silent)',
  })
  sampledAt!: string | null;
}

export class PodUsageDto {
  @ApiProperty({ example: 'light' })
  pod!: string;

  @ApiProperty({ type: [NodeUsageDto], description: 'every node of the pod that has an agent' })
  nodes!: NodeUsageDto[];
}
