import { Injectable } from '@nestjs/common';
import { filter, type Observable, Subject } from 'rxjs';
import type { DomainEvent, DomainEventType } from './domain-event';

/**
 * The manager's typed in-process event bus: the contexts publish what they changed; the event log, the
 * elasticity loop and (next) the live stream subscribe. Delivery is synchronous, in publish order, so the
 * log has an event by the time the request that caused it answers.
 */
@Injectable()
export class EventBus {
  private readonly subject = new Subject<DomainEvent>();

  readonly events$: Observable<DomainEvent> = this.subject.asObservable();

  publish(event: DomainEvent): void {
    this.subject.next(event);
  }

  /** The events of these types only. */
  of(...types: DomainEventType[]): Observable<DomainEvent> {
    return this.events$.pipe(filter((event) => types.includes(event.type)));
  }
}
