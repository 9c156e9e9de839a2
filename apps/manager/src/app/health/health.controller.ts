import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Request, Response } from 'express';
import { sendsOwnerToken } from '../auth/bearer-token';
import { OWNER_TOKEN, type OwnerToken } from '../auth/owner-token';
import { Public } from '../auth/public.decorator';
import { HealthDetailsDto, PublicHealthDto } from './health.dto';
import { HealthIndicators } from './health-indicators';
import { checkHealth, type HealthSnapshot, publicHealth } from './health-snapshot';
import { Throttled } from './throttled';

/** How old the view answered without a token may be: however often it is asked, agents are asked no more. */
const PUBLIC_VIEW_MAX_AGE_MS = 5_000;

const EITHER_SHAPE = {
  oneOf: [{ $ref: getSchemaPath(PublicHealthDto) }, { $ref: getSchemaPath(HealthDetailsDto) }],
};

@ApiTags('health')
@ApiExtraModels(PublicHealthDto, HealthDetailsDto)
@Controller()
export class HealthController {
  private readonly snapshots: Throttled<HealthSnapshot>;

  constructor(
    health: HealthCheckService,
    indicators: HealthIndicators,
    @Inject(OWNER_TOKEN) private readonly token: OwnerToken,
  ) {
    this.snapshots = new Throttled(() => checkHealth(health, indicators), PUBLIC_VIEW_MAX_AGE_MS);
  }

  @Public()
  @Get('health')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary:
      'Up or degraded (public, refreshed at most every 5 s); store, agents and load balancer for the owner',
    description:
      'Without a token: `{status: up | degraded}`. With the owner token: every dependency with its state, checked now.',
    operationId: 'getHealth',
    security: [{}, { bearer: [] }],
  })
  @ApiResponse({ status: 200, description: 'the store and the load balancer answer', schema: EITHER_SHAPE })
  @ApiResponse({ status: 503, description: 'the store or the load balancer is down', schema: EITHER_SHAPE })
  async check(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PublicHealthDto | HealthDetailsDto> {
    const owner = sendsOwnerToken(request, this.token);
    const snapshot = owner ? await this.snapshots.refresh() : await this.snapshots.get();
    response.status(snapshot.up ? 200 : 503);
    return owner ? snapshot.result : publicHealth(snapshot);
  }
}
