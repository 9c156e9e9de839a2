import { ChangeDetectionStrategy, Component } from '@angular/core';

/** The event log: scaling decisions, lifecycle changes and failures, newest first. */
@Component({
  selector: 'strato-events-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h2>Events</h2>`,
})
export class EventsPage {}
