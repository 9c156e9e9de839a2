import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import { HealthIndicators } from './health-indicators';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicators,
  ) {}

  @Public()
  @Get('health')
  @HealthCheck()
  @ApiOperation({
    summary: 'Store, agents and load balancer (public)',
    operationId: 'getHealth',
    security: [],
  })
  @ApiResponse({ status: 503, description: 'the store or the load balancer is down' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.indicators.store(),
      () => this.indicators.agentsUp(),
      () => this.indicators.loadBalancer(),
    ]);
  }
}
