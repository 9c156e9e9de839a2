import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus';
import { EventLogWriter } from './event-log-writer';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';

/** The event bus and the log that keeps it. Global: every context publishes what it changed, with the reason. */
@Global()
@Module({
  controllers: [EventsController],
  providers: [EventsRepository, EventBus, EventLogWriter],
  exports: [EventBus, EventsRepository],
})
export class EventsModule {}
