import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { EventBus } from './event-bus';
import { EventFeed } from './event-feed';
import { EventsRepository } from './events.repository';

/**
 * Keeps every published event in the event log (SQLite), then announces it with its id on the feed;
 * a failed write is logged, never thrown at the publisher.
 */
@Injectable()
export class EventLogWriter implements OnModuleDestroy {
  private readonly logger = new Logger(EventLogWriter.name);
  private readonly subscription: Subscription;

  constructor(bus: EventBus, repository: EventsRepository, feed: EventFeed) {
    this.subscription = bus.events$.subscribe((event) => {
      try {
        feed.announce(repository.append(event));
      } catch (error) {
        this.logger.error(`could not keep ${event.type} in the event log: ${(error as Error).message}`);
      }
    });
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
