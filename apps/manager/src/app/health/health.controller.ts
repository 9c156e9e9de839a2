import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AGENT_CLIENT, type AgentClient } from '../agents/agent-client';
import { Public } from '../auth/public.decorator';
import { LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'], example: 'ok' })
  status!: 'ok' | 'degraded';

  @ApiProperty({ example: 'up' })
  store!: 'up';

  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  agent!: 'up' | 'down';

  @ApiProperty({ enum: ['haproxy', 'embedded'], example: 'haproxy' })
  loadBalancer!: 'haproxy' | 'embedded';

  @ApiProperty({ example: 'http://127.0.0.1:8000' })
  loadBalancerUrl!: string;
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(AGENT_CLIENT) private readonly agent: AgentClient,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness and dependencies (public)', operationId: 'getHealth' })
  @ApiOkResponse({ type: HealthDto })
  async health(): Promise<HealthDto> {
    const agent = await this.agent.info().then(
      () => 'up' as const,
      () => 'down' as const,
    );
    return {
      status: agent === 'up' ? 'ok' : 'degraded',
      store: 'up',
      agent,
      loadBalancer: this.lb.kind,
      loadBalancerUrl: this.lb.url,
    };
  }
}
