import { Module } from '@nestjs/common';
import { AGENT_CLIENT_FACTORY, type AgentClientFactory } from './agent-client';
import { AgentRegistry } from './agent-registry';
import { AgentsRepository } from './agents.repository';
import { HttpAgentClient } from './http-agent-client';
import { NodeSamples } from './node-samples';

const httpAgentClientFactory: AgentClientFactory = (url, token) => new HttpAgentClient(url, token);

/** The agents that registered and a client for each: how the lifecycle and the reconciler reach them. */
@Module({
  providers: [
    { provide: AGENT_CLIENT_FACTORY, useValue: httpAgentClientFactory },
    AgentsRepository,
    AgentRegistry,
    NodeSamples,
  ],
  exports: [AgentRegistry, NodeSamples],
})
export class AgentRegistryModule {}
