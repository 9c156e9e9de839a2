import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { DATABASE, openDatabase, type Db } from './database';
import { NodesRepository } from './nodes.repository';
import { PodsRepository } from './pods.repository';

/**
 * The SQLite store and the desired state in it: pods and nodes. Global because every context reads them;
 * the tables only one context uses (agents, elasticity, events) are provided by that context's module.
 */
@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [MANAGER_CONFIG],
      useFactory: (config: ManagerConfig): Db => openDatabase(join(config.dataDir, 'strato.db')),
    },
    PodsRepository,
    NodesRepository,
  ],
  exports: [DATABASE, PodsRepository, NodesRepository],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  onApplicationShutdown(): void {
    this.db.close();
  }
}
