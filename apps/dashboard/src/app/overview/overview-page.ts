import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { CloudSummaryStore } from '../cloud/cloud-summary.store';
import { CloudStore } from '../cloud/cloud.store';
import { LiveMetrics } from '../metrics/live-metrics';
import { PodList } from '../pods/pod-list';
import { CloudTotals } from './cloud-totals';

/** The whole cloud at a glance: totals, then one card per pod. */
@Component({
  selector: 'strato-overview-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CloudTotals, PodList],
  template: `
    @if (store.loadedAt()) {
      <strato-cloud-totals
        [pods]="pods()"
        [totals]="metrics.totals()"
        [balancer]="summary.loadBalancer()"
        [agents]="summary.agents()"
      />
      <strato-pod-list
        [pods]="store.pods()"
        [samples]="metrics.latest()"
        [elasticity]="summary.elasticity()"
      />
    } @else if (!store.unreachable()) {
      <p class="loading">Loading pods…</p>
    }
  `,
  styles: `
    .loading {
      color: var(--muted);
    }
  `,
})
export class OverviewPage {
  protected readonly store = inject(CloudStore);
  protected readonly summary = inject(CloudSummaryStore);
  protected readonly metrics = inject(LiveMetrics);
  protected readonly pods = computed(() => this.store.pods().map((entry) => entry.pod));
}
