import { HaproxyNoSuchServerError, backendName, leaveServer, type HaproxySupervisor } from '@strato/haproxy';
import type { BalancerState } from './balancer-state';

/**
 * Drain, wait until no session is left in the current worker nor in old ones (a reload leaves requests
 * running there), maint, delete. A server haproxy no longer has (lost in a restart) is simply forgotten.
 */
export async function haproxyLeave(
  supervisor: HaproxySupervisor,
  state: BalancerState,
  pod: string,
  nodeId: string,
  options: { drainTimeoutMs: number; exclusive: <T>(step: () => Promise<T>) => Promise<T> },
): Promise<void> {
  const backend = backendName(pod);
  try {
    await leaveServer(supervisor.runtime, backend, nodeId, {
      ...options,
      othersIdle: async () => (await supervisor.oldWorkerSessions(backend, nodeId)) === 0,
      onDeleted: () => state.deleteServer(pod, nodeId),
    });
  } catch (error) {
    if (!(error instanceof HaproxyNoSuchServerError)) throw error;
    state.deleteServer(pod, nodeId);
  }
}
