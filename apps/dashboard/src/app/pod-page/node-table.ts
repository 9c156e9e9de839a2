import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { StatusBadge } from '../pods/status-badge';
import { NodeRemoval } from './node-removal';
import type { NodeRow } from './node-rows';
import { NodeWeight } from './node-weight';
import { UsageBar } from './usage-bar';

/** The pod's nodes with their use, their place in the balancer, and the actions on each. */
@Component({
  selector: 'strato-node-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, NodeRemoval, NodeWeight, StatusBadge, UsageBar],
  template: `
    <div class="table-wrap" role="region" aria-label="Nodes" tabindex="0">
      <table class="nodes">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Status</th>
            <th scope="col">Agent / address</th>
            <th scope="col">CPU</th>
            <th scope="col">Memory</th>
            <th scope="col">Caps</th>
            <th scope="col" class="num">Req/s</th>
            <th scope="col" class="num">Sessions</th>
            <th scope="col">Health</th>
            <th scope="col">Weight</th>
            <th scope="col">Age</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.node.name) {
            <tr [attr.data-node]="row.node.name" [class.failed]="row.node.status === 'FAILED'">
              <th scope="row" class="name mono">{{ row.node.name }}</th>
              <td class="status">
                <strato-status-badge [status]="row.node.status" />
                @if (row.node.reason && (row.node.status === 'FAILED' || row.node.status === 'UNKNOWN')) {
                  <p class="reason">{{ row.node.reason }}</p>
                }
              </td>
              <td class="placement">
                <span class="agent">{{ row.node.agent ?? '—' }}</span>
                <span class="address mono">{{ address(row) }}</span>
              </td>
              <td class="cpu"><strato-usage-bar [share]="row.cpu" [label]="'CPU of ' + row.node.name" /></td>
              <td class="memory">
                <strato-usage-bar [share]="row.memory" [label]="'Memory of ' + row.node.name" />
              </td>
              <td class="caps" [class.uncapped]="row.node.limits.enforced === false">
                {{ row.caps.state }}
                @if (row.caps.reason; as reason) {
                  <span class="caps-reason" [title]="reason">{{ reason }}</span>
                }
              </td>
              <td class="num rate">{{ row.server ? (row.server.requestRate | number: '1.0-1') : '—' }}</td>
              <td class="num sessions">{{ row.server ? row.server.currentSessions : '—' }}</td>
              <td class="health">
                @if (row.server; as server) {
                  <span class="health-pill" [attr.data-health]="server.health">{{ server.health }}</span>
                } @else {
                  <span class="muted" title="not in the load balancer">—</span>
                }
              </td>
              <td class="weight"><strato-node-weight [node]="row.node" /></td>
              <td class="age">{{ row.age }}</td>
              <td class="actions"><strato-node-removal [node]="row.node.name" /></td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styleUrl: './node-table.css',
})
export class NodeTable {
  readonly rows = input.required<readonly NodeRow[]>();

  protected address({ node }: NodeRow): string {
    return node.host && node.port !== null ? `${node.host}:${node.port}` : '—';
  }
}
