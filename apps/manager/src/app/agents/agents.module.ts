import { Global, Module } from '@nestjs/common';
import { AGENT_CLIENT_FACTORY, type AgentClientFactory } from './agent-client';
import { AgentRegistry } from './agent-registry';
import { HttpAgentClient } from './http-agent-client';

const httpAgentClientFactory: AgentClientFactory = (url, token) => new HttpAgentClient(url, token);

@Global()
@Module({
  providers: [{ provide: AGENT_CLIENT_FACTORY, useValue: httpAgentClientFactory }, AgentRegistry],
  exports: [AgentRegistry],
})
export class AgentsModule {}
