import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { agentAuthOf } from '../auth/agent-auth';
import { AgentJoinRoute, AgentRoute } from '../auth/public.decorator';
import { NodeLifecycle } from '../nodes/lifecycle/node-lifecycle';
import { ApiErrorResponses } from '../openapi/api-error-responses';
import { Reconciler } from '../reconciler/reconciler';
import { AgentAccess } from './agent-access';
import { AgentDto, AgentEventsDto, AgentRegistrationAnswerDto, RegisterAgentDto } from './agent.dto';
import { agentViews } from './agent-views';
import { AgentCredentials } from './credentials/agent-credentials';
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
    private readonly credentials: AgentCredentials,
    private readonly access: AgentAccess,
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
  @AgentJoinRoute()
  @ApiSecurity('agent')
  @ApiOperation({
    summary: 'An agent joins with the join token (or registers again with its own credential)',
    description:
      'The answer carries the agent’s own credential: a join with the join token issues a new one (every earlier one stops working), a registration with the credential answers the current one.',
    operationId: 'registerAgent',
  })
  @ApiOkResponse({ type: AgentRegistrationAnswerDto })
  @ApiErrorResponses(400, 401)
  register(@Body() body: RegisterAgentDto, @Req() request: Request): AgentRegistrationAnswerDto {
    const joined = agentAuthOf(request)?.via !== 'credential';
    const agent = this.registry.register(body);
    const credential = joined ? this.credentials.issue(agent.id) : this.credentials.current(agent.id);
    void this.reconciler.agentRegistered(agent.id);
    return { ...this.view(agent.id), credential: credential as string };
  }

  @Post(':id/heartbeat')
  @HttpCode(204)
  @AgentRoute()
  @ApiSecurity('agent')
  @ApiOperation({ summary: 'An agent says it is alive (its credential)', operationId: 'agentHeartbeat' })
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
    summary: 'An agent reports node exits and OOM kills as they happen (its credential)',
    operationId: 'agentEvents',
  })
  @ApiAcceptedResponse()
  @ApiErrorResponses(400, 401, 404)
  async events(@Param('id') id: string, @Body() body: AgentEventsDto): Promise<void> {
    this.registry.require(id);
    for (const event of body.events) await this.lifecycle.handleExit(id, event);
  }

  @Post(':id/credential')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate an agent’s credential, with no call failing on either side',
    description:
      'The agent is handed a new credential; the previous one keeps working for STRATO_AGENT_CREDENTIAL_GRACE_MS. When the agent cannot be reached, nothing changes (503).',
    operationId: 'rotateAgentCredential',
  })
  @ApiOkResponse({ type: AgentDto })
  @ApiErrorResponses(401, 404, 409, 503)
  async rotate(@Param('id') id: string): Promise<AgentDto> {
    await this.access.rotate(id);
    return this.view(id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Lock one agent out: its credential stops working and it cannot join again until readmitted',
    description:
      'Its nodes count as on an unreachable host: they leave the load balancer and, with elasticity on, are replaced elsewhere. Other agents are not affected.',
    operationId: 'revokeAgent',
  })
  @ApiOkResponse({ type: AgentDto })
  @ApiErrorResponses(401, 404)
  revoke(@Param('id') id: string): AgentDto {
    this.access.revoke(id);
    return this.view(id);
  }

  @Post(':id/readmit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Let a revoked agent join again (with the join token)',
    operationId: 'readmitAgent',
  })
  @ApiOkResponse({ type: AgentDto })
  @ApiErrorResponses(401, 404)
  readmit(@Param('id') id: string): AgentDto {
    this.access.readmit(id);
    return this.view(id);
  }

  private view(id: string): AgentDto {
    return agentViews(this.registry, this.placement).find((view) => view.id === id) as AgentDto;
  }
}
