import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { NodeStatus, PodState } from '@strato/contracts';

/** A coloured pill for a node status or a pod state, optionally with a count. */
@Component({
  selector: 'strato-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': 'hostClass()', '[attr.title]': 'status()' },
  template: `{{ status() }}
    @if (count() !== null) {
      <span class="count">{{ count() }}</span>
    }`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.35em;
      padding: 0.1em 0.55em;
      border-radius: 999px;
      font-size: 0.75rem;
      font-weight: 600;
      letter-spacing: 0.03em;
      text-transform: uppercase;
      white-space: nowrap;
      color: var(--badge-fg);
      background: var(--badge-bg);
    }
    .count {
      font-variant-numeric: tabular-nums;
    }
    :host(.badge--new) {
      --badge-fg: #334155;
      --badge-bg: #e2e8f0;
    }
    :host(.badge--starting) {
      --badge-fg: #92400e;
      --badge-bg: #fef3c7;
    }
    :host(.badge--online),
    :host(.badge--running) {
      --badge-fg: #166534;
      --badge-bg: #dcfce7;
    }
    :host(.badge--draining) {
      --badge-fg: #6b21a8;
      --badge-bg: #f3e8ff;
    }
    :host(.badge--paused) {
      --badge-fg: #1e3a8a;
      --badge-bg: #dbeafe;
    }
    :host(.badge--failed) {
      --badge-fg: #991b1b;
      --badge-bg: #fee2e2;
    }
    :host(.badge--unknown) {
      --badge-fg: #9a3412;
      --badge-bg: #ffedd5;
    }
  `,
})
export class StatusBadge {
  readonly status = input.required<NodeStatus | PodState>();
  readonly count = input<number | null>(null);

  protected readonly hostClass = computed(() => `badge badge--${this.status().toLowerCase()}`);
}
