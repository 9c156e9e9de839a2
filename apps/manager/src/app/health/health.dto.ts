import { ApiProperty } from '@nestjs/swagger';
import type { HealthCheckResult, HealthCheckStatus, HealthIndicatorResult } from '@nestjs/terminus';
import type { PublicHealth } from './health-snapshot';

export class PublicHealthDto implements PublicHealth {
  @ApiProperty({
    enum: ['up', 'degraded'],
    example: 'up',
    description: 'degraded when the store or the load balancer does not answer',
  })
  status!: 'up' | 'degraded';
}

const INDICATORS = {
  type: 'object' as const,
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    additionalProperties: true,
  },
};

const UP_EXAMPLE = {
  store: { status: 'up' },
  agents: { status: 'up', agents: [{ id: 'local', status: 'up' }], answering: 1 },
  loadBalancer: { status: 'up', kind: 'haproxy', url: 'http://127.0.0.1:8000' },
};

export class HealthDetailsDto implements HealthCheckResult {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'], example: 'ok' })
  status!: HealthCheckStatus;

  @ApiProperty({ ...INDICATORS, selfRequired: false, description: 'the dependencies that are up' })
  info?: Partial<HealthIndicatorResult>;

  @ApiProperty({
    ...INDICATORS,
    selfRequired: false,
    description: 'the dependencies that are down, each with its message',
    example: { loadBalancer: { status: 'down', kind: 'haproxy', message: 'connect ECONNREFUSED' } },
  })
  error?: Partial<HealthIndicatorResult>;

  @ApiProperty({ ...INDICATORS, description: 'every dependency', example: UP_EXAMPLE })
  details!: HealthIndicatorResult;
}
