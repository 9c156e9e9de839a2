import { Module } from '@nestjs/common';
import { AgentRegistryModule } from '../agents/registry/agent-registry.module';
import { ElasticitySettingsModule } from '../elasticity/settings/elasticity-settings.module';
import { LbModule } from '../lb/lb.module';
import { NodeExitHandler } from './lifecycle/node-exit-handler';
import { NodeFailure } from './lifecycle/node-failure';
import { NodeHealthProbe } from './lifecycle/node-health-probe';
import { NodeLauncher } from './lifecycle/node-launcher';
import { NodeLifecycle } from './lifecycle/node-lifecycle';
import { NodeLimitsRecorder } from './lifecycle/node-limits-recorder';
import { NodeRemover } from './lifecycle/node-remover';
import { NodeStateMachine } from './lifecycle/node-state-machine';
import { NodesController } from './nodes.controller';
import { NodesService } from './nodes.service';

/**
 * Nodes: the owner's node commands and the lifecycle that alone changes node state. Pods, the reconciler,
 * elasticity and the agents' reports drive nodes through NodeLifecycle.
 */
@Module({
  imports: [AgentRegistryModule, LbModule, ElasticitySettingsModule],
  controllers: [NodesController],
  providers: [
    NodesService,
    NodeStateMachine,
    NodeFailure,
    NodeHealthProbe,
    NodeLauncher,
    NodeRemover,
    NodeExitHandler,
    NodeLifecycle,
    NodeLimitsRecorder,
  ],
  exports: [NodesService, NodeLifecycle, NodeStateMachine, NodeFailure, NodeLimitsRecorder],
})
export class NodesModule {}
