import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Elasticity, Node, Pod } from '@strato/api-client';
import { NODE_STATUSES, type PodMetricsSample } from '@strato/contracts';
import { summarizeElasticity } from './elasticity-summary';
import { podFigures } from './pod-figures';
import { StatusBadge } from './status-badge';

/** One pod: its size class, load-balancer path, node counts and the table of its nodes. */
@Component({
  selector: 'strato-pod-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, StatusBadge],
  template: `
    <header class="head">
      <h2 class="name">
        <a [routerLink]="['/pods', pod().name]">{{ pod().name }}</a>
      </h2>
      <strato-status-badge [status]="pod().state" />
      <span class="path"
        >load balancer <code>{{ pod().path }}</code></span
      >
    </header>

    <dl class="figures" aria-label="Live figures">
      <div>
        <dt>Requests</dt>
        <dd class="req-rate">{{ figures().requestRate }} <small>req/s</small></dd>
      </div>
      <div>
        <dt>Latency p50 / p99</dt>
        <dd class="latency">{{ figures().latency }}</dd>
      </div>
      <div>
        <dt>Queue</dt>
        <dd class="queue">{{ figures().queue }}</dd>
      </div>
      <div>
        <dt>CPU</dt>
        <dd class="cpu">
          {{ figures().cpu }}
          @if (figures().cpuFill !== null) {
            <span class="bar" aria-hidden="true"><span [style.width.%]="figures().cpuFill"></span></span>
          }
        </dd>
      </div>
      <div>
        <dt>Nodes</dt>
        <dd class="ready">{{ figures().nodes }}</dd>
      </div>
    </dl>

    @if (scaling(); as scaling) {
      <p class="elasticity" [class.on]="scaling.enabled">
        <span class="elasticity-state">Elasticity {{ scaling.enabled ? 'on' : 'off' }}</span>
        <span class="elasticity-policy">{{ scaling.policy }}</span>
        @if (scaling.enabled && scaling.decision) {
          <span class="elasticity-decision">{{ scaling.decision }}</span>
        }
      </p>
    }

    <dl class="facts">
      <div>
        <dt>CPU cap</dt>
        <dd>{{ pod().cpus }} CPU</dd>
      </div>
      <div>
        <dt>Memory</dt>
        <dd>{{ pod().memoryMiB }} MiB</dd>
      </div>
      <div>
        <dt>Nodes</dt>
        <dd>{{ total() }} / {{ pod().maxNodes }} max</dd>
      </div>
      <div>
        <dt>Balancing</dt>
        <dd>{{ pod().algorithm }}</dd>
      </div>
    </dl>

    @if (counts().length) {
      <ul class="counts" aria-label="Nodes by status">
        @for (entry of counts(); track entry.status) {
          <li><strato-status-badge [status]="entry.status" [count]="entry.count" /></li>
        }
      </ul>
    }

    @if (nodes().length) {
      <div class="table-wrap">
        <table class="nodes">
          <colgroup>
            <col class="col-name" />
            <col class="col-status" />
            <col class="col-address" />
            <col class="col-caps" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Status</th>
              <th scope="col">Address</th>
              <th scope="col">Caps</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            @for (node of nodes(); track node.name) {
              <tr [class.failed]="node.status === 'FAILED'">
                <td class="mono">{{ node.name }}</td>
                <td><strato-status-badge [status]="node.status" /></td>
                <td class="mono">{{ address(node) }}</td>
                <td class="caps" [class.uncapped]="node.limits.enforced === false">{{ caps(node) }}</td>
                <td class="reason">
                  {{
                    node.status === 'FAILED' || node.status === 'UNKNOWN' ? (node.reason ?? 'unknown') : ''
                  }}
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <p class="no-nodes">No nodes yet — <a [routerLink]="['/pods', pod().name]">launch one</a></p>
    }
  `,
  styleUrl: './pod-card.css',
})
export class PodCard {
  readonly pod = input.required<Pod>();
  readonly nodes = input.required<readonly Node[]>();
  /** The pod's newest metrics sample, if the stream brought one. */
  readonly sample = input<PodMetricsSample | undefined>(undefined);
  readonly elasticity = input<Elasticity | undefined>(undefined);

  protected readonly figures = computed(() => podFigures(this.sample()));
  protected readonly scaling = computed(() => summarizeElasticity(this.elasticity()));

  protected readonly counts = computed(() =>
    NODE_STATUSES.map((status) => ({ status, count: this.pod().nodeCounts[status] ?? 0 })).filter(
      (entry) => entry.count > 0,
    ),
  );
  protected readonly total = computed(() => this.counts().reduce((sum, entry) => sum + entry.count, 0));

  /** Whether the host holds the node to its CPU and memory caps; when not, why (from its agent). */
  protected caps(node: Node): string {
    const { enforced, reason } = node.limits;
    if (enforced === null) return '—';
    return enforced ? 'enforced' : `not enforced: ${reason ?? 'no reason given'}`;
  }

  protected address(node: Node): string {
    return node.host && node.port !== null ? `${node.host}:${node.port}` : '—';
  }
}
