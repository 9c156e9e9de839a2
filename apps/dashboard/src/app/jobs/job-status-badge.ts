import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { BatchJobStatus } from '@strato/contracts';

/** A pill naming a job's status: failures in red, running in the accent colour, success in green. */
@Component({
  selector: 'strato-job-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'job-status', '[attr.data-status]': 'status()' },
  template: `{{ status() }}`,
  styles: `
    :host {
      --tone: var(--muted);
      display: inline-block;
      padding: 0.05em 0.55em;
      border-radius: 999px;
      font-size: 0.7rem;
      font-weight: 600;
      letter-spacing: 0.03em;
      white-space: nowrap;
      color: var(--tone);
      background: color-mix(in srgb, var(--tone) 12%, var(--surface));
    }
    :host([data-status='RUNNING']) {
      --tone: var(--accent);
    }
    :host([data-status='SUCCEEDED']) {
      --tone: var(--ok);
    }
    :host([data-status='FAILED']),
    :host([data-status='TIMED_OUT']) {
      --tone: var(--danger);
    }
    :host([data-status='ABORTED']) {
      background: transparent;
      box-shadow: inset 0 0 0 1px var(--border);
    }
  `,
})
export class JobStatusBadge {
  readonly status = input.required<BatchJobStatus>();
}
