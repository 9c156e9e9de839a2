import type { BalancedPod, PodStatus, ServerStatus } from './load-balancer';

/** A pod's totals from its servers, the same way for every adapter. */
export function podStatusOf(pod: BalancedPod, servers: ServerStatus[]): PodStatus {
  const sum = (field: 'requestRate' | 'currentSessions' | 'queue' | 'http5xx'): number =>
    servers.reduce((total, server) => total + server[field], 0);
  const requestRate = sum('requestRate');
  const weightOf = (s: ServerStatus): number => (requestRate > 0 ? s.requestRate : s.totalRequests);
  const weights = servers.reduce((total, server) => total + weightOf(server), 0);
  const responseTimeMs =
    weights === 0 ? 0 : servers.reduce((total, s) => total + s.responseTimeMs * weightOf(s), 0) / weights;
  return {
    ...pod,
    servers,
    requestRate,
    currentSessions: sum('currentSessions'),
    queue: sum('queue'),
    http5xx: sum('http5xx'),
    responseTimeMs: Math.round(responseTimeMs * 10) / 10,
  };
}
