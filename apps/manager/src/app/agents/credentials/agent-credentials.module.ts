import { Module } from '@nestjs/common';
import { AgentCredentials } from './agent-credentials';
import { AgentCredentialsRepository } from './agent-credentials.repository';

/** The join tokens and each agent's own credential: the guard checks them, the registry calls with them. */
@Module({
  providers: [AgentCredentialsRepository, AgentCredentials],
  exports: [AgentCredentials],
})
export class AgentCredentialsModule {}
