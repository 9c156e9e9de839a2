import { Module } from '@nestjs/common';
import { AgentRegistryModule } from '../agents/registry/agent-registry.module';
import { LbModule } from '../lb/lb.module';
import { PodsModule } from '../pods/pods.module';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { CloudController } from './cloud.controller';
import { CloudService } from './cloud.service';

/** `cloud init` and `cloud status`. */
@Module({
  imports: [PodsModule, ReconcilerModule, AgentRegistryModule, LbModule],
  controllers: [CloudController],
  providers: [CloudService],
})
export class CloudModule {}
