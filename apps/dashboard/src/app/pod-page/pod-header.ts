import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { Pod } from '@strato/api-client';
import { StatusBadge } from '../pods/status-badge';

/** The pod's name, state and the size every node of it gets. */
@Component({
  selector: 'strato-pod-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StatusBadge],
  template: `
    <div class="title">
      <h2 class="pod-name">{{ pod().name }}</h2>
      <strato-status-badge class="pod-state" [status]="pod().state" />
      <span class="path"
        >load balancer <code>{{ pod().path }}</code></span
      >
    </div>
    <dl class="facts">
      <div>
        <dt>CPU cap</dt>
        <dd class="fact-cpus">{{ pod().cpus }} CPU</dd>
      </div>
      <div>
        <dt>Memory</dt>
        <dd class="fact-memory">{{ pod().memoryMiB }} MiB</dd>
      </div>
      <div>
        <dt>Nodes</dt>
        <dd class="fact-nodes">{{ nodeCount() }} / {{ pod().maxNodes }} max</dd>
      </div>
      <div>
        <dt>Algorithm</dt>
        <dd class="fact-algorithm">{{ pod().algorithm }}</dd>
      </div>
      <div>
        <dt>Job</dt>
        <dd class="fact-job">{{ pod().job.kind }} × {{ pod().job.scale }}</dd>
      </div>
    </dl>
  `,
  styles: `
    :host {
      display: block;
    }
    .title {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem 0.6rem;
    }
    h2 {
      margin: 0;
      font-size: 1.4rem;
      overflow-wrap: anywhere;
    }
    .path {
      margin-left: auto;
      font-size: 0.8rem;
      color: var(--muted);
    }
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr));
      gap: 0.5rem 1rem;
      margin: 0.9rem 0 0;
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
  `,
})
export class PodHeader {
  readonly pod = input.required<Pod>();
  readonly nodeCount = input.required<number>();
}
