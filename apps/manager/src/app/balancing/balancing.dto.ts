import { ApiProperty } from '@nestjs/swagger';
import { BALANCE_ALGORITHMS, type BalanceAlgorithm } from '@strato/contracts';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { PodJobDto } from '../pods/pod.dto';

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
  @ApiProperty({
    example: 2,
    description:
      'requests the node gets at once (HAProxy maxconn; 2 per job thread); the rest wait in the queue',
  })
  maxConnections!: number;
  @ApiProperty({ enum: ['up', 'down', 'draining', 'maint'] }) health!: string;
  @ApiProperty({ description: 'requests per second over the last second' }) requestRate!: number;
  @ApiProperty({ description: 'requests the node is serving now' }) currentSessions!: number;
  @ApiProperty({ description: 'requests queued for this node by name (hash algorithms); else 0' })
  queue!: number;
  @ApiProperty({
    description: 'times the health check took the node from up to down since the balancer started',
  })
  downTransitions!: number;
  @ApiProperty({ description: 'average response time, ms' }) responseTimeMs!: number;
  @ApiProperty({ description: 'since the load balancer started' }) totalRequests!: number;
  @ApiProperty() http5xx!: number;
}

export class LatencyDto {
  @ApiProperty({ example: 10_000, description: 'the look-back the percentiles are over' }) windowMs!: number;
  @ApiProperty({
    example: 1523,
    description: 'requests timed in the window (HAProxy: a weighted sample above 500 req/s per pod)',
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
  @ApiProperty({ type: PodJobDto, description: 'what the balancer names to the nodes for GET /<pod>' })
  job!: PodJobDto;
  @ApiProperty({
    example: 3,
    description:
      "the queue's bound per serving node, about 10 s of the pod's job; beyond it 503 + Retry-After",
  })
  queuePerNode!: number;
  @ApiProperty() requestRate!: number;
  @ApiProperty({ description: "requests the pod's nodes are serving now" }) currentSessions!: number;
  @ApiProperty({
    example: 0,
    description:
      'requests waiting in the balancer for a free node; beyond 8 per serving node: 503 with Retry-After',
  })
  queue!: number;
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
