import { Module } from '@nestjs/common';
import { AgentRegistryModule } from '../agents/registry/agent-registry.module';
import { LbModule } from '../lb/lb.module';
import { NodesModule } from '../nodes/nodes.module';
import { BootGate } from './boot-gate';
import { NodeConvergence } from './node-convergence';
import { OrphanSweeper } from './orphan-sweeper';
import { Reconciler } from './reconciler';

/** The control loop that makes the agents' runtimes and the load balancer follow the store. */
@Module({
  imports: [AgentRegistryModule, LbModule, NodesModule],
  providers: [Reconciler, NodeConvergence, OrphanSweeper, BootGate],
  exports: [Reconciler, BootGate],
})
export class ReconcilerModule {}
