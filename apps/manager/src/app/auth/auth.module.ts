import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AgentCredentialsModule } from '../agents/credentials/agent-credentials.module';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { loadOwnerToken, OWNER_TOKEN } from './owner-token';
import { OwnerTokenGuard } from './owner-token.guard';

/** The owner token and the guard every route passes (owner token, join token, agent credential, or public). */
@Module({
  imports: [AgentCredentialsModule],
  providers: [
    {
      provide: OWNER_TOKEN,
      inject: [MANAGER_CONFIG],
      useFactory: (config: ManagerConfig) => {
        const token = loadOwnerToken(config.ownerToken, config.dataDir);
        if (token.generated)
          new Logger('Auth').log(`owner token generated and written to ${token.source} (mode 0600)`);
        return token;
      },
    },
    { provide: APP_GUARD, useClass: OwnerTokenGuard },
  ],
  exports: [OWNER_TOKEN],
})
export class AuthModule {}
