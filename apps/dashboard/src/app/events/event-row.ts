import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { CloudEvent } from '@strato/api-client';
import { kindOf } from './event-kinds';
import { KindBadge } from './kind-badge';
import { timeAgo } from './relative-time';

/** One event: when (local time, and how long ago), its kind and type, where, and its whole message. */
@Component({
  selector: 'strato-event-row',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, KindBadge, RouterLink],
  template: `
    <time class="when" [attr.datetime]="event().at" [title]="event().at | date: 'EEEE d MMMM y, HH:mm:ss'">
      <span class="clock">{{ event().at | date: 'HH:mm:ss' }}</span>
      <span class="ago">{{ ago() }}</span>
    </time>
    <div class="what">
      <strato-kind-badge [kind]="kind()" />
      <span class="type">{{ event().type }}</span>
      @if (event().pod; as pod) {
        <span class="where"
          >pod <a class="pod" [routerLink]="['/pods', pod]">{{ pod }}</a></span
        >
      }
      @if (event().node; as node) {
        <span class="where"
          >node <span class="node">{{ node }}</span></span
        >
      }
    </div>
    <p class="message">{{ event().message }}</p>
  `,
  styleUrl: './event-row.css',
})
export class EventRow {
  readonly event = input.required<CloudEvent>();
  /** The time "ago" counts from, in ms; the page moves it on. */
  readonly now = input.required<number>();

  protected readonly kind = computed(() => kindOf(this.event().type));
  protected readonly ago = computed(() => timeAgo(this.event().at, this.now()));
}
