import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AgentCredential } from './auth/agent-credential';
import { AgentTokenGuard } from './auth/agent-token.guard';
import { CredentialController } from './auth/credential.controller';
import { AGENT_CONFIG, type AgentConfig } from './config/agent-config';
import { HealthController } from './health/health.controller';
import { AgentJobsController } from './jobs/agent-jobs.controller';
import { AgentJobsService } from './jobs/agent-jobs.service';
import { ManagerLink } from './manager/manager-link';
import { AgentCapacity } from './nodes/agent-capacity';
import { AgentNodesController } from './nodes/agent-nodes.controller';
import { AgentNodesService } from './nodes/agent-nodes.service';
import { nodeRuntimeProvider } from './nodes/node-runtime.provider';

@Module({})
export class AgentModule {
  static register(config: AgentConfig): DynamicModule {
    return {
      module: AgentModule,
      controllers: [HealthController, AgentNodesController, AgentJobsController, CredentialController],
      providers: [
        { provide: AGENT_CONFIG, useValue: config },
        AgentCredential,
        nodeRuntimeProvider,
        AgentCapacity,
        AgentNodesService,
        AgentJobsService,
        ManagerLink,
        { provide: APP_GUARD, useClass: AgentTokenGuard },
      ],
    };
  }
}
