import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AgentsModule } from './agents/agents.module';
import { AuthModule } from './auth/auth.module';
import { BalancingModule } from './balancing/balancing.module';
import { CloudModule } from './cloud/cloud.module';
import type { ManagerConfig } from './config/manager-config';
import { ManagerConfigModule } from './config/manager-config.module';
import { ElasticityModule } from './elasticity/elasticity.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';
import { NodesModule } from './nodes/nodes.module';
import { PodsModule } from './pods/pods.module';
import { ReconcilerModule } from './reconciler/reconciler.module';
import { SseModule } from './sse/sse.module';
import { StoreModule } from './store/store.module';

@Module({})
export class AppModule {
  static register(config: ManagerConfig): DynamicModule {
    return {
      module: AppModule,
      // Swagger documents controllers in the order their modules are first reached (depth first), so this
      // order keeps the OpenAPI document as it is: health, cloud, pods, nodes, agents, events, balancing,
      // elasticity, jobs, metrics. The other modules are imported by the contexts that use them.
      imports: [
        ManagerConfigModule.register(config),
        ScheduleModule.forRoot(),
        StoreModule,
        SseModule,
        AuthModule,
        HealthModule,
        CloudModule,
        PodsModule,
        NodesModule,
        ReconcilerModule,
        AgentsModule,
        EventsModule,
        BalancingModule,
        ElasticityModule,
        JobsModule,
        MetricsModule,
      ],
    };
  }
}
