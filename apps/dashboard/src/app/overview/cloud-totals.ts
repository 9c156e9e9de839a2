import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { CloudStatus, Pod } from '@strato/api-client';
import type { LoadBalancerSummary } from '../cloud/cloud-summary.store';
import type { CloudTotals as Totals } from '../metrics/live-metrics';

type Agent = CloudStatus['agents'][number];

/** The cloud in one strip: pods, nodes, requests, the load balancer and the agents. */
@Component({
  selector: 'strato-cloud-totals',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl class="totals" aria-label="Cloud totals">
      <div>
        <dt>Pods</dt>
        <dd class="total-pods">{{ running() }} running / {{ pods().length }}</dd>
      </div>
      <div>
        <dt>Nodes ready</dt>
        <dd class="total-nodes">
          {{ totals() ? totals()!.readyNodes + ' / ' + totals()!.totalNodes : '—' }}
        </dd>
      </div>
      <div>
        <dt>Requests</dt>
        <dd class="total-rate">{{ totals() ? totals()!.requestRate.toFixed(0) + ' req/s' : '—' }}</dd>
      </div>
      <div>
        <dt>Load balancer</dt>
        <dd class="lb" [attr.data-up]="balancer()?.up">
          @if (balancer(); as lb) {
            {{ lb.kind }} · {{ lb.up === null ? 'unknown' : lb.up ? 'up' : 'down' }}
            <small class="mono">{{ lb.url }}</small>
            @if (lb.message) {
              <small class="lb-message">{{ lb.message }}</small>
            }
          } @else {
            —
          }
        </dd>
      </div>
      <div>
        <dt>Agents</dt>
        <dd class="agents">
          {{ agentsUp() }} up / {{ agents().length }}
          @for (agent of agents(); track agent.id) {
            <small [class.down]="agent.status === 'down'"
              >{{ agent.id }} ({{ agent.runtime }}, {{ agent.status
              }}{{ agent.nodes === null ? '' : ', ' + agent.nodes + ' nodes' }})</small
            >
          }
        </dd>
      </div>
    </dl>
  `,
  styles: `
    .totals {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
      gap: 0.75rem 1.25rem;
      margin: 0 0 1rem;
      padding: 0.9rem 1.1rem;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: var(--radius);
      box-shadow: var(--shadow);
    }
    dt {
      font-size: 0.75rem;
      color: var(--muted);
    }
    dd {
      margin: 0.1rem 0 0;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    small {
      display: block;
      font-weight: 400;
      font-size: 0.75rem;
      color: var(--muted);
      overflow-wrap: anywhere;
    }
    .lb[data-up='false'],
    small.down,
    .lb-message {
      color: var(--danger);
    }
    .mono {
      font-family: var(--mono);
    }
  `,
})
export class CloudTotals {
  readonly pods = input.required<readonly Pod[]>();
  readonly totals = input<Totals | null>(null);
  readonly balancer = input<LoadBalancerSummary | null>(null);
  readonly agents = input<readonly Agent[]>([]);

  protected readonly running = computed(() => this.pods().filter((pod) => pod.state === 'running').length);
  protected readonly agentsUp = computed(() => this.agents().filter((agent) => agent.status === 'up').length);
}
