import { backendName, type HaproxyStatRow } from '@strato/haproxy';
import type { BalancerState } from './balancer-state';
import type { ServerHealth, ServerStatus } from './load-balancer';

/** Joins `show stat` server rows onto the servers the balancer should have; a missing row reads as down. */
export function haproxyServerStatus(state: BalancerState, rows: HaproxyStatRow[]): ServerStatus[] {
  const byKey = new Map(rows.filter((r) => r.type === 'server').map((r) => [`${r.proxy}/${r.name}`, r]));
  return state.listPods().flatMap((pod) =>
    state.servers(pod.name).map((server): ServerStatus => {
      const row = byKey.get(`${backendName(pod.name)}/${server.nodeId}`);
      return {
        nodeId: server.nodeId,
        host: server.host,
        port: server.port,
        weight: server.weight,
        pod: pod.name,
        health: row ? healthOf(row.status) : 'down',
        currentSessions: row?.scur ?? 0,
        // stot counts one session per HTTP request on a server row; it restarts from 0 on every reload.
        totalRequests: row?.stot ?? 0,
      };
    }),
  );
}

/** `UP`, `UP 1/2`, `no check` → up; `DRAIN`, `NOLB` → draining; `MAINT`, `MAINT (via ...)` → maint. */
export function healthOf(status: string): ServerHealth {
  if (status.startsWith('MAINT')) return 'maint';
  if (status === 'DRAIN' || status.startsWith('NOLB')) return 'draining';
  if (status.startsWith('UP') || status === 'no check') return 'up';
  return 'down';
}
