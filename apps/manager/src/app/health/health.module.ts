import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AgentRegistryModule } from '../agents/registry/agent-registry.module';
import { AuthModule } from '../auth/auth.module';
import { LbModule } from '../lb/lb.module';
import { HealthIndicators } from './health-indicators';
import { HealthController } from './health.controller';

/** `GET /api/health`: up or degraded for anyone, the store, agents and load balancer for the owner. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), AuthModule, AgentRegistryModule, LbModule],
  controllers: [HealthController],
  providers: [HealthIndicators],
})
export class HealthModule {}
