import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { CloudStore } from '../cloud/cloud.store';
import { PodList } from '../pods/pod-list';

/** The whole cloud at a glance: one card per pod. */
@Component({
  selector: 'strato-overview-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [PodList],
  template: `
    @if (store.loadedAt()) {
      <strato-pod-list [pods]="store.pods()" />
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
}
