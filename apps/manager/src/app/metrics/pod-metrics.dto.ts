import { ApiProperty } from '@nestjs/swagger';
import { METRICS_RANGES, type MetricsRange } from '@strato/contracts';
import type {
  MetricsSource,
  NodeMetricsPoint,
  NodeMetricsSeries,
  PodMetricsPoint,
} from './metrics-history.repository';

export class PodNodeCountsDto {
  @ApiProperty({ example: 2, description: 'ONLINE nodes' })
  ready!: number;

  @ApiProperty({ example: 3, description: 'every node of the pod, whatever its status' })
  total!: number;
}

export class PodMetricsPointDto implements PodMetricsPoint {
  @ApiProperty({ example: '2026-12-02T10:00:00.000Z', description: 'the start of the bucket' })
  at!: string;

  @ApiProperty({ example: 42.5, description: 'requests per second through the load balancer' })
  requestRate!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12,
    description:
      "median response time over the balancer's last 10 s (mean over the bucket); null: no request timed",
  })
  latencyP50Ms!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 130,
    description:
      "99th percentile over the balancer's last 10 s (the highest in the bucket); null: no request timed",
  })
  latencyP99Ms!: number | null;

  @ApiProperty({ example: 0.5, description: 'requests waiting in the balancer for a free node' })
  queue!: number;

  @ApiProperty({ example: 3, description: "requests the pod's nodes are serving" })
  sessions!: number;

  @ApiProperty({ example: 0, description: '5xx responses per second (not a count)' })
  http5xxRate!: number;

  @ApiProperty({ type: PodNodeCountsDto, description: 'the most the bucket saw' })
  nodes!: PodNodeCountsDto;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description: 'what elasticity decided the pod needs (the most in the bucket); null: elasticity off',
  })
  desiredNodes!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 64.2,
    description:
      "mean CPU of the pod's ONLINE nodes, in % of the pod's cap (100 = at the cap); null: no sample",
  })
  cpuPercent!: number | null;
}

export class NodeMetricsPointDto implements NodeMetricsPoint {
  @ApiProperty({ example: '2026-12-02T10:00:00.000Z', description: 'the start of the bucket' })
  at!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 24,
    description: 'CPU in % of one core (30 = 0.3 CPU); null: no reading yet',
  })
  cpuPercent!: number | null;

  @ApiProperty({ example: 41_943_040 })
  memoryBytes!: number;
}

export class NodeMetricsSeriesDto implements NodeMetricsSeries {
  @ApiProperty({ example: 'n1' })
  node!: string;

  @ApiProperty({ type: [NodeMetricsPointDto] })
  points!: NodeMetricsPointDto[];
}

export class PodMetricsDto {
  @ApiProperty({ example: 'light' })
  pod!: string;

  @ApiProperty({ enum: METRICS_RANGES, example: '15m' })
  range!: MetricsRange;

  @ApiProperty({ example: 1, description: 'the width of each bucket; a bucket without a sample is left out' })
  stepSeconds!: number;

  @ApiProperty({
    enum: ['raw', 'minute'],
    example: 'raw',
    description: 'the buckets are of every sample (`raw`), or of the one-minute rollups (`minute`)',
  })
  source!: MetricsSource;

  @ApiProperty({ type: [PodMetricsPointDto], description: 'oldest first, at most 900' })
  points!: PodMetricsPointDto[];

  @ApiProperty({
    type: [NodeMetricsSeriesDto],
    description: 'every node of the pod sampled in the range (also nodes removed since), by name',
  })
  nodes!: NodeMetricsSeriesDto[];
}
