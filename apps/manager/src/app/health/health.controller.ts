import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AgentRegistry } from '../agents/agent-registry';
import { Public } from '../auth/public.decorator';
import { LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';

export class AgentHealthDto {
  @ApiProperty({ example: 'vm-1' })
  id!: string;

  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'], example: 'ok', description: 'degraded: no agent answers' })
  status!: 'ok' | 'degraded';

  @ApiProperty({ example: 'up' })
  store!: 'up';

  @ApiProperty({ type: [AgentHealthDto] })
  agents!: AgentHealthDto[];

  @ApiProperty({ enum: ['haproxy', 'embedded'], example: 'haproxy' })
  loadBalancer!: 'haproxy' | 'embedded';

  @ApiProperty({ example: 'http://127.0.0.1:8000' })
  loadBalancerUrl!: string;
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly agents: AgentRegistry,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness and dependencies (public)', operationId: 'getHealth', security: [] })
  @ApiOkResponse({ type: HealthDto })
  async health(): Promise<HealthDto> {
    const agents = await Promise.all(
      this.agents.list().map(async ({ record, client }) => ({
        id: record.id,
        status: await client.info().then(
          () => 'up' as const,
          () => 'down' as const,
        ),
      })),
    );
    return {
      status: agents.some((a) => a.status === 'up') ? 'ok' : 'degraded',
      store: 'up',
      agents,
      loadBalancer: this.lb.kind,
      loadBalancerUrl: this.lb.url,
    };
  }
}
