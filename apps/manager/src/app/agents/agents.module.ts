import { Module } from '@nestjs/common';
import { NodesModule } from '../nodes/nodes.module';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { AgentAccess } from './agent-access';
import { AgentsController } from './agents.controller';
import { AgentRegistryModule } from './registry/agent-registry.module';

/**
 * The agents' API: registration, heartbeats, exit reports, the owner's list. Apart from the registry
 * because it hands what agents report to the node lifecycle and the reconciler, which use the registry.
 */
@Module({
  imports: [AgentRegistryModule, NodesModule, ReconcilerModule],
  controllers: [AgentsController],
  providers: [AgentAccess],
})
export class AgentsModule {}
