import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Elasticity } from '@strato/api-client';
import { METRICS, type ScalingMetric } from './elasticity-fields';

/** Whether elasticity is on, and what its last evaluation decided and why (HPA-style conditions). */
@Component({
  selector: 'strato-elasticity-decision',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe],
  template: `
    <p class="elasticity-state" [attr.data-enabled]="elasticity().enabled">
      Elasticity <strong>{{ elasticity().enabled ? 'on' : 'off' }}</strong>
      @if (elasticity().tickMs === 0) {
        · the elasticity loop is stopped
      } @else {
        · evaluated every {{ elasticity().tickMs / 1000 | number: '1.0-1' }} s
      }
    </p>
    @if (elasticity().status; as status) {
      <dl class="decision">
        <div>
          <dt>Decision</dt>
          <dd class="decision-reason">{{ status.reason }}</dd>
        </div>
        <div>
          <dt>Nodes</dt>
          <dd class="decision-nodes">
            {{ status.desiredNodes }} desired · {{ status.currentNodes }} now · {{ status.readyNodes }} ready
          </dd>
        </div>
        <div>
          <dt>{{ metricLabel() }}</dt>
          <dd class="decision-value">
            {{ status.value === null ? 'no data' : (status.value | number: '1.0-2') }}
          </dd>
        </div>
        <div>
          <dt>Evaluated</dt>
          <dd>{{ status.at | date: 'mediumTime' }}</dd>
        </div>
      </dl>
      <p class="decision-message">{{ status.message }}</p>
      @if (status.conditions.length) {
        <ul class="conditions" aria-label="Conditions">
          @for (condition of status.conditions; track condition.type) {
            <li [attr.data-status]="condition.status">
              <strong>{{ condition.type }}</strong> {{ condition.status ? 'true' : 'false' }} ·
              {{ condition.reason }}: {{ condition.message }}
            </li>
          }
        </ul>
      }
    } @else {
      <p class="no-decision">No evaluation yet.</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .elasticity-state {
      margin: 0 0 0.6rem;
    }
    .decision {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
      gap: 0.5rem 1rem;
      margin: 0;
    }
    dt {
      font-size: 0.75rem;
      color: var(--muted);
    }
    dd {
      margin: 0.1rem 0 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .decision-message,
    .no-decision {
      margin: 0.6rem 0 0;
      color: var(--muted);
      font-size: 0.875rem;
    }
    .conditions {
      margin: 0.5rem 0 0;
      padding-left: 1.1rem;
      font-size: 0.8rem;
      color: var(--muted);
    }
    .conditions li[data-status='false'] {
      color: #92400e;
    }
  `,
})
export class ElasticityDecision {
  readonly elasticity = input.required<Elasticity>();

  protected readonly metricLabel = computed(() => {
    const metric = this.elasticity().status?.metric as ScalingMetric | undefined;
    return metric ? METRICS[metric] : 'Metric';
  });
}
