import { type DynamicModule, Module } from '@nestjs/common';
import { MANAGER_CONFIG, type ManagerConfig } from './manager-config';

/** The validated config, read at boot. Global: every context reads its own settings from it. */
@Module({})
export class ManagerConfigModule {
  static register(config: ManagerConfig): DynamicModule {
    return {
      module: ManagerConfigModule,
      global: true,
      providers: [{ provide: MANAGER_CONFIG, useValue: config }],
      exports: [MANAGER_CONFIG],
    };
  }
}
