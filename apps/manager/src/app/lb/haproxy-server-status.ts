import { backendName, type HaproxyRuntimeApi, type HaproxyStatRow } from '@strato/haproxy';
import type { BalancerState, TrackedServer } from './balancer-state';
import type { PodStatus, ServerHealth, ServerStatus } from './load-balancer';
import { MonotonicCounters } from './monotonic-counters';
import { podStatusOf } from './pod-status';

/** Pod and server status from `show stat`, with totals that survive haproxy's counter resets. */
export class HaproxyStats {
  private readonly counters = new MonotonicCounters();

  constructor(
    private readonly runtime: HaproxyRuntimeApi,
    private readonly state: BalancerState,
  ) {}

  async read(): Promise<PodStatus[]> {
    return haproxyPodStatus(this.state, await this.runtime.showStat(), this.counters);
  }

  /** haproxy's counters restart from 0 (after a reload, or in a new master): keep what they had counted. */
  rebase(): void {
    this.counters.rebase();
  }

  forget(pod: string, nodeId: string): void {
    this.counters.forget(counterKey(pod, nodeId));
  }
}

/** Joins `show stat` server rows onto the pods and servers the balancer should have. */
export function haproxyPodStatus(
  state: BalancerState,
  rows: HaproxyStatRow[],
  counters: MonotonicCounters,
): PodStatus[] {
  const byKey = new Map(rows.filter((r) => r.type === 'server').map((r) => [`${r.proxy}/${r.name}`, r]));
  const backendQueue = new Map(rows.filter((r) => r.type === 'backend').map((r) => [r.proxy, r.qcur]));
  return state.listPods().map((pod) => {
    const status = podStatusOf(
      pod,
      state.servers(pod.name).map((server) => {
        const row = byKey.get(`${backendName(pod.name)}/${server.nodeId}`);
        return serverStatus(pod.name, server, row, counters);
      }),
    );
    // Without persistence, requests wait in the backend's queue, not a server's: its row counts them.
    return { ...status, queue: status.queue + (backendQueue.get(backendName(pod.name)) ?? 0) };
  });
}

/** A missing row (deleted meanwhile, or haproxy restarting) reads as down with the last known totals. */
function serverStatus(
  pod: string,
  server: TrackedServer,
  row: HaproxyStatRow | undefined,
  counters: MonotonicCounters,
): ServerStatus {
  const key = counterKey(pod, server.nodeId);
  const total = (name: string, raw: number | undefined): number =>
    raw === undefined ? counters.current(`${key}${name}`) : counters.observe(`${key}${name}`, raw);
  return {
    nodeId: server.nodeId,
    host: server.host,
    port: server.port,
    weight: server.weight,
    maxConnections: server.maxConnections,
    pod,
    health: row ? healthOf(row.status) : 'down',
    currentSessions: row?.scur ?? 0,
    // stot counts one session per HTTP request on a server row.
    totalRequests: total('stot', row?.stot),
    requestRate: row?.rate ?? 0,
    queue: row?.qcur ?? 0,
    responseTimeMs: row?.rtime ?? 0,
    http5xx: total('5xx', row?.hrsp5xx),
    downTransitions: total('chkdown', row?.chkdown),
  };
}

const counterKey = (pod: string, nodeId: string): string => `${pod}/${nodeId} `;

/** `UP`, `UP 1/2`, `no check` → up; `DRAIN`, `NOLB` → draining; `MAINT`, `MAINT (via ...)` → maint. */
export function healthOf(status: string): ServerHealth {
  if (status.startsWith('MAINT')) return 'maint';
  if (status === 'DRAIN' || status.startsWith('NOLB')) return 'draining';
  if (status.startsWith('UP') || status === 'no check') return 'up';
  return 'down';
}
