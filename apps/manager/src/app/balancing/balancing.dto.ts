import { ApiProperty } from '@nestjs/swagger';
import { BALANCE_ALGORITHMS, type BalanceAlgorithm } from '@strato/contracts';
import { IsIn, IsInt, Max, Min } from 'class-validator';

export class SetAlgorithmDto {
  @ApiProperty({ enum: BALANCE_ALGORITHMS, example: 'leastconn' })
  @IsIn(BALANCE_ALGORITHMS, { message: `algorithm must be one of ${BALANCE_ALGORITHMS.join(', ')}` })
  algorithm!: BalanceAlgorithm;
}

export class SetWeightDto {
  @ApiProperty({
    type: 'integer',
    example: 3,
    minimum: 0,
    maximum: 256,
    description: '0: no new requests; relative to the other nodes of the pod',
  })
  @IsInt()
  @Min(0)
  @Max(256)
  weight!: number;
}

export class ServerStatusDto {
  @ApiProperty({ example: 'n1' }) node!: string;
  @ApiProperty({ example: '127.0.0.1' }) host!: string;
  @ApiProperty({ example: 20001 }) port!: number;
  @ApiProperty({ example: 1 }) weight!: number;
  @ApiProperty({ enum: ['up', 'down', 'draining', 'maint'] }) health!: string;
  @ApiProperty({ description: 'requests per second over the last second' }) requestRate!: number;
  @ApiProperty() currentSessions!: number;
  @ApiProperty() queue!: number;
  @ApiProperty({ description: 'average response time, ms' }) responseTimeMs!: number;
  @ApiProperty({ description: 'since the load balancer started' }) totalRequests!: number;
  @ApiProperty() http5xx!: number;
}

export class LatencyDto {
  @ApiProperty({ example: 10_000, description: 'the look-back the percentiles are over' }) windowMs!: number;
  @ApiProperty({
    example: 1523,
    description: 'requests timed in the window (HAProxy: a random 1 in 16 above 1000 req/s)',
  })
  samples!: number;
  @ApiProperty({ example: 12 }) p50Ms!: number;
  @ApiProperty({ example: 48 }) p90Ms!: number;
  @ApiProperty({ example: 130 }) p99Ms!: number;
}

export class PodBalancingDto {
  @ApiProperty({ example: 'light' }) pod!: string;
  @ApiProperty({ enum: BALANCE_ALGORITHMS }) algorithm!: string;
  @ApiProperty() paused!: boolean;
  @ApiProperty() requestRate!: number;
  @ApiProperty() currentSessions!: number;
  @ApiProperty() queue!: number;
  @ApiProperty() responseTimeMs!: number;
  @ApiProperty({
    type: LatencyDto,
    nullable: true,
    description: "percentiles of every request's time through the balancer over the last 10 s; null if none",
  })
  latency!: LatencyDto | null;
  @ApiProperty() http5xx!: number;
  @ApiProperty({ type: [ServerStatusDto] }) servers!: ServerStatusDto[];
}

export class LoadBalancerDto {
  @ApiProperty({ enum: ['haproxy', 'embedded'] }) kind!: string;
  @ApiProperty({ example: 'http://127.0.0.1:8000' }) url!: string;
  @ApiProperty({ type: [PodBalancingDto] }) pods!: PodBalancingDto[];
}
