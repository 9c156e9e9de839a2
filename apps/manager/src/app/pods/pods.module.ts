import { Module } from '@nestjs/common';
import { AgentRegistryModule } from '../agents/registry/agent-registry.module';
import { JobLoadModule } from '../jobs/job-load.module';
import { LbModule } from '../lb/lb.module';
import { NodesModule } from '../nodes/nodes.module';
import { PodConditions } from './pod-conditions';
import { PodLifecycle } from './pod-lifecycle';
import { PodPauser } from './pod-pauser';
import { PodUsage } from './pod-usage';
import { PodsController } from './pods.controller';
import { PodsService } from './pods.service';

/** Pods: register, change, pause, resume, remove (draining their nodes), each pod's conditions and use. */
@Module({
  imports: [AgentRegistryModule, LbModule, NodesModule, JobLoadModule],
  controllers: [PodsController],
  providers: [PodsService, PodConditions, PodPauser, PodLifecycle, PodUsage],
  exports: [PodsService, PodConditions],
})
export class PodsModule {}
