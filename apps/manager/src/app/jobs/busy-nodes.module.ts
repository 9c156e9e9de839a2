import { Module } from '@nestjs/common';
import { BusyNodes } from './busy-nodes';
import { JobsRepository } from './jobs.repository';

/**
 * BusyNodes alone, for elasticity's scale-in: no controllers, so importing it changes neither the routes
 * nor the order Swagger documents them in (JobsRepository keeps no state: a second instance is harmless).
 */
@Module({
  providers: [JobsRepository, BusyNodes],
  exports: [BusyNodes],
})
export class BusyNodesModule {}
