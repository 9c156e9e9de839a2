import { Module } from '@nestjs/common';
import { AgentRegistryModule } from '../agents/registry/agent-registry.module';
import { ElasticityModule } from '../elasticity/elasticity.module';
import { ElasticitySettingsModule } from '../elasticity/settings/elasticity-settings.module';
import { LbModule } from '../lb/lb.module';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { MetricsController } from './metrics.controller';
import { MetricsFeedModule } from './metrics-feed.module';
import { MetricsHistoryRepository } from './metrics-history.repository';
import { MetricsReader } from './metrics-reader';
import { MetricsRetention } from './metrics-retention';
import { MetricsSampler } from './metrics-sampler';
import { PodMetricsHistory } from './pod-metrics-history';

/** Metrics: every pod and node sampled each second, live on the stream and kept as a downsampled history. */
@Module({
  imports: [
    MetricsFeedModule,
    AgentRegistryModule,
    ElasticityModule,
    ElasticitySettingsModule,
    LbModule,
    ReconcilerModule,
  ],
  controllers: [MetricsController],
  providers: [MetricsReader, MetricsSampler, MetricsHistoryRepository, MetricsRetention, PodMetricsHistory],
})
export class MetricsModule {}
