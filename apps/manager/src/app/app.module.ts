import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { AgentsController } from './agents/agents.controller';
import { AgentsModule } from './agents/agents.module';
import { AuthModule } from './auth/auth.module';
import { BalancingController } from './balancing/balancing.controller';
import { BalancingService } from './balancing/balancing.service';
import { CloudController } from './cloud/cloud.controller';
import { CloudService } from './cloud/cloud.service';
import { MANAGER_CONFIG, type ManagerConfig } from './config/manager-config';
import { ELASTICITY_CONTROLLERS, ELASTICITY_PROVIDERS } from './elasticity/elasticity.providers';
import { EventsController } from './events/events.controller';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { HealthIndicators } from './health/health-indicators';
import { LbModule } from './lb/lb.module';
import { NodesController } from './nodes/nodes.controller';
import { NodesService } from './nodes/nodes.service';
import { PodConditions } from './pods/pod-conditions';
import { PodsController } from './pods/pods.controller';
import { PodsService } from './pods/pods.service';
import { NodeExitHandler } from './lifecycle/node-exit-handler';
import { NodeFailure } from './lifecycle/node-failure';
import { NodeHealthProbe } from './lifecycle/node-health-probe';
import { NodeLauncher } from './lifecycle/node-launcher';
import { NodeLifecycle } from './lifecycle/node-lifecycle';
import { NodeRemover } from './lifecycle/node-remover';
import { NodeStateMachine } from './lifecycle/node-state-machine';
import { BootGate } from './reconciler/boot-gate';
import { NodeConvergence } from './reconciler/node-convergence';
import { OrphanSweeper } from './reconciler/orphan-sweeper';
import { PodLifecycle } from './reconciler/pod-lifecycle';
import { PodPauser } from './reconciler/pod-pauser';
import { Reconciler } from './reconciler/reconciler';
import { RepositoriesModule } from './store/repositories.module';
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
        TerminusModule.forRoot({ logger: false }),
        StoreModule,
        RepositoriesModule,
        EventsModule,
        AuthModule,
        AgentsModule,
        LbModule,
      ],
      controllers: [
        HealthController,
        CloudController,
        PodsController,
        NodesController,
        AgentsController,
        EventsController,
        BalancingController,
        ...ELASTICITY_CONTROLLERS,
      ],
      providers: [
        CloudService,
        PodsService,
        NodesService,
        NodeStateMachine,
        NodeFailure,
        NodeHealthProbe,
        NodeLauncher,
        NodeRemover,
        NodeExitHandler,
        NodeLifecycle,
        NodeConvergence,
        OrphanSweeper,
        BootGate,
        PodConditions,
        PodPauser,
        PodLifecycle,
        Reconciler,
        BalancingService,
        HealthIndicators,
        ...ELASTICITY_PROVIDERS,
      ],
    };
  }
}
