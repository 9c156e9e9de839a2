import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { DATABASE, openDatabase, type Db } from './database';

@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [MANAGER_CONFIG],
      useFactory: (config: ManagerConfig): Db => openDatabase(join(config.dataDir, 'strato.db')),
    },
  ],
  exports: [DATABASE],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  onApplicationShutdown(): void {
    this.db.close();
  }
}
