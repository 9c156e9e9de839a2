import { Global, Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';

/** The event log. Global: every context appends what it changed, with the reason. */
@Global()
@Module({ controllers: [EventsController], providers: [EventsRepository], exports: [EventsRepository] })
export class EventsModule {}
