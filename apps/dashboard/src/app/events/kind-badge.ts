import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { RowKind } from './event-kinds';

/** A pill naming an event's kind: failures in red, scaling in the accent colour. */
@Component({
  selector: 'strato-kind-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'kind-badge', '[attr.data-kind]': 'kind()' },
  template: `{{ kind() }}`,
  styles: `
    :host {
      display: inline-block;
      padding: 0.05em 0.55em;
      border: 1px solid transparent;
      border-radius: 999px;
      font-size: 0.7rem;
      font-weight: 600;
      letter-spacing: 0.03em;
      text-transform: uppercase;
      white-space: nowrap;
      color: var(--text);
      background: var(--border-soft);
    }
    :host([data-kind='scaling']) {
      color: var(--accent);
      background: color-mix(in srgb, var(--accent) 12%, var(--surface));
    }
    :host([data-kind='failures']) {
      color: var(--danger);
      background: color-mix(in srgb, var(--danger) 12%, var(--surface));
    }
    :host([data-kind='configuration']),
    :host([data-kind='other']) {
      background: transparent;
      border-color: var(--border);
    }
  `,
})
export class KindBadge {
  readonly kind = input.required<RowKind>();
}
