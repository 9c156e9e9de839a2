import { Global, Module } from '@nestjs/common';
import { AgentsRepository } from '../agents/agents.repository';
import { NodesRepository } from '../nodes/nodes.repository';
import { PodsRepository } from '../pods/pods.repository';

/** The store's repositories, one per table, available to every module. */
@Global()
@Module({
  providers: [PodsRepository, NodesRepository, AgentsRepository],
  exports: [PodsRepository, NodesRepository, AgentsRepository],
})
export class RepositoriesModule {}
