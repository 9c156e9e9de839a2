import { Injectable } from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import type { CloudEvent } from './events.repository';

/** The events as the log keeps them (with their ids), the moment they are kept: what the live stream sends. */
@Injectable()
export class EventFeed {
  private readonly subject = new Subject<CloudEvent>();

  readonly kept$: Observable<CloudEvent> = this.subject.asObservable();

  announce(event: CloudEvent): void {
    this.subject.next(event);
  }
}
