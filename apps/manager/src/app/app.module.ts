import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AgentsModule } from './agents/agents.module';
import { AuthModule } from './auth/auth.module';
import { CloudController } from './cloud/cloud.controller';
import { CloudService } from './cloud/cloud.service';
import { MANAGER_CONFIG, type ManagerConfig } from './config/manager-config';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { LbModule } from './lb/lb.module';
import { NodesController } from './nodes/nodes.controller';
import { NodesRepository } from './nodes/nodes.repository';
import { NodesService } from './nodes/nodes.service';
import { PodsController } from './pods/pods.controller';
import { PodsRepository } from './pods/pods.repository';
import { PodsService } from './pods/pods.service';
import { NodeLauncher } from './reconciler/node-launcher';
import { Reconciler } from './reconciler/reconciler';
import { StoreModule } from './store/store.module';

@Module({})
export class AppModule {
  static register(config: ManagerConfig): DynamicModule {
    const configModule: DynamicModule = {
      module: class ConfigModule {},
      global: true,
      providers: [{ provide: MANAGER_CONFIG, useValue: config }],
      exports: [MANAGER_CONFIG],
    };
    return {
      module: AppModule,
      imports: [
        configModule,
        ScheduleModule.forRoot(),
        StoreModule,
        EventsModule,
        AuthModule,
        AgentsModule,
        LbModule,
      ],
      controllers: [HealthController, CloudController, PodsController, NodesController],
      providers: [
        CloudService,
        PodsRepository,
        PodsService,
        NodesRepository,
        NodesService,
        NodeLauncher,
        Reconciler,
      ],
    };
  }
}
