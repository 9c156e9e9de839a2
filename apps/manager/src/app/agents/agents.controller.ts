import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { AgentRoute } from '../auth/public.decorator';
import { NodeLifecycle } from '../nodes/lifecycle/node-lifecycle';
import { ApiErrorResponses } from '../openapi/api-error-responses';
import { Reconciler } from '../reconciler/reconciler';
import { AgentDto, AgentEventsDto, RegisterAgentDto } from './agent.dto';
import { agentViews } from './agent-views';
import { Placement } from './placement/placement';
import { AgentRegistry } from './registry/agent-registry';

@ApiTags('agents')
@Controller('v1/agents')
export class AgentsController {
  constructor(
    private readonly registry: AgentRegistry,
    private readonly placement: Placement,
    private readonly lifecycle: NodeLifecycle,
    private readonly reconciler: Reconciler,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List the proxy agents that registered', operationId: 'listAgents' })
  @ApiOkResponse({ type: [AgentDto] })
  @ApiErrorResponses(401)
  list(): AgentDto[] {
    return agentViews(this.registry, this.placement);
  }

  @Post()
  @HttpCode(200)
  @AgentRoute()
  @ApiSecurity('agent')
  @ApiOperation({ summary: 'An agent registers itself (agent token)', operationId: 'registerAgent' })
  @ApiOkResponse({ type: AgentDto })
  @ApiErrorResponses(400, 401)
  register(@Body() body: RegisterAgentDto): AgentDto {
    const agent = this.registry.register(body);
    void this.reconciler.agentRegistered(agent.id);
    return agentViews(this.registry, this.placement).find((view) => view.id === agent.id) as AgentDto;
  }

  @Post(':id/heartbeat')
  @HttpCode(204)
  @AgentRoute()
  @ApiSecurity('agent')
  @ApiOperation({ summary: 'An agent says it is alive (agent token)', operationId: 'agentHeartbeat' })
  @ApiNoContentResponse()
  @ApiErrorResponses(401, 404)
  heartbeat(@Param('id') id: string): void {
    this.registry.heartbeat(id);
  }

  @Post(':id/events')
  @HttpCode(202)
  @AgentRoute()
  @ApiSecurity('agent')
  @ApiOperation({
    summary: 'An agent reports node exits and OOM kills as they happen (agent token)',
    operationId: 'agentEvents',
  })
  @ApiAcceptedResponse()
  @ApiErrorResponses(400, 401, 404)
  async events(@Param('id') id: string, @Body() body: AgentEventsDto): Promise<void> {
    this.registry.require(id);
    for (const event of body.events) await this.lifecycle.handleExit(id, event);
  }
}
