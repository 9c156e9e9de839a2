import { Global, Module } from '@nestjs/common';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { AGENT_CLIENT } from './agent-client';
import { HttpAgentClient } from './http-agent-client';

@Global()
@Module({
  providers: [
    {
      provide: AGENT_CLIENT,
      inject: [MANAGER_CONFIG],
      useFactory: (config: ManagerConfig) => new HttpAgentClient(config.agentUrl, config.agentToken),
    },
  ],
  exports: [AGENT_CLIENT],
})
export class AgentsModule {}
