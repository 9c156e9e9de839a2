import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { Elasticity } from '@strato/api-client';
import type { PodMetricsSample } from '@strato/contracts';
import { PodCard } from './pod-card';
import type { PodWithNodes } from './pod-with-nodes';

@Component({
  selector: 'strato-pod-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [PodCard],
  template: `
    @for (entry of pods(); track entry.pod.name) {
      <strato-pod-card
        [pod]="entry.pod"
        [nodes]="entry.nodes"
        [sample]="samples().get(entry.pod.name)"
        [elasticity]="elasticity().get(entry.pod.name)"
      />
    } @empty {
      <p class="empty">No pods yet — run <code>cloud init</code></p>
    }
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 1rem;
    }
    .empty {
      margin: 0;
      padding: 2.5rem 1rem;
      text-align: center;
      color: var(--muted);
      background: var(--surface);
      border: 1px dashed var(--border);
      border-radius: var(--radius);
    }
  `,
})
export class PodList {
  readonly pods = input.required<readonly PodWithNodes[]>();
  readonly samples = input<ReadonlyMap<string, PodMetricsSample>>(new Map());
  readonly elasticity = input<ReadonlyMap<string, Elasticity>>(new Map());
}
