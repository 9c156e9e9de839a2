import { Module } from '@nestjs/common';
import { AgentCredentialsModule } from '../credentials/agent-credentials.module';
import { AGENT_CLIENT_FACTORY, type AgentClientFactory } from './agent-client';
import { AgentRegistry } from './agent-registry';
import { AgentsRepository } from './agents.repository';
import { HttpAgentClient } from './http-agent-client';
import { NodeSamples } from './node-samples';
import { Placement } from '../placement/placement';

const httpAgentClientFactory: AgentClientFactory = (url, token) => new HttpAgentClient(url, token);

/**
 * The agents that registered, a client for each (how the lifecycle and the reconciler reach them), and the
 * placement of new nodes on them.
 */
@Module({
  imports: [AgentCredentialsModule],
  providers: [
    { provide: AGENT_CLIENT_FACTORY, useValue: httpAgentClientFactory },
    AgentsRepository,
    AgentRegistry,
    NodeSamples,
    Placement,
  ],
  exports: [AgentRegistry, NodeSamples, Placement, AgentCredentialsModule],
})
export class AgentRegistryModule {}
