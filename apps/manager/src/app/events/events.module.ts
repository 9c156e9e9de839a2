import { Global, Module } from '@nestjs/common';
import { MetricsFeedModule } from '../metrics/metrics-feed.module';
import { EventBus } from './event-bus';
import { EventFeed } from './event-feed';
import { EventLogWriter } from './event-log-writer';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { CloudStream } from './stream/cloud-stream';
import { StreamController } from './stream/stream.controller';

/** The event bus, the log that keeps it, and the live stream of it. Global: every context publishes what it changed, with the reason. */
@Global()
@Module({
  imports: [MetricsFeedModule],
  controllers: [EventsController, StreamController],
  providers: [EventsRepository, EventBus, EventFeed, EventLogWriter, CloudStream],
  exports: [EventBus, EventsRepository],
})
export class EventsModule {}
