import { Module } from '@nestjs/common';
import { AgentRegistryModule } from '../agents/registry/agent-registry.module';
import { JobLoadModule } from '../jobs/job-load.module';
import { LbModule } from '../lb/lb.module';
import { NodesModule } from '../nodes/nodes.module';
import { PodsModule } from '../pods/pods.module';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { ElasticityController } from './elasticity.controller';
import { ElasticityService } from './elasticity.service';
import { ElasticityTicker } from './elasticity-ticker';
import { PodMetrics } from './pod-metrics';
import { PodScaler } from './pod-scaler';
import { ElasticitySettingsModule } from './settings/elasticity-settings.module';

/** Elasticity: each pod's metric read every tick, and nodes launched or drained to follow it. */
@Module({
  imports: [
    ElasticitySettingsModule,
    AgentRegistryModule,
    JobLoadModule,
    LbModule,
    NodesModule,
    PodsModule,
    ReconcilerModule,
  ],
  controllers: [ElasticityController],
  providers: [ElasticityService, ElasticityTicker, PodMetrics, PodScaler],
  exports: [ElasticityTicker],
})
export class ElasticityModule {}
