import { Module } from '@nestjs/common';
import { JobLoadModule } from '../jobs/job-load.module';
import { LbModule } from '../lb/lb.module';
import { NodesModule } from '../nodes/nodes.module';
import { PodConditions } from './pod-conditions';
import { PodLifecycle } from './pod-lifecycle';
import { PodPauser } from './pod-pauser';
import { PodsController } from './pods.controller';
import { PodsService } from './pods.service';

/** Pods: register, change, pause, resume, remove (draining their nodes), and each pod's conditions. */
@Module({
  imports: [LbModule, NodesModule, JobLoadModule],
  controllers: [PodsController],
  providers: [PodsService, PodConditions, PodPauser, PodLifecycle],
  exports: [PodsService, PodConditions],
})
export class PodsModule {}
