import type { HaproxyConfigModel, HaproxyPaths } from '@strato/haproxy';
import type { BalancerState } from './balancer-state';

/**
 * The whole HAProxy config for the current state. A leaving server is rendered `disabled`: a reload during
 * its drain must not put it back into rotation, and `del server` accepts it from maint.
 */
export function haproxyConfigFromState(
  state: BalancerState,
  paths: HaproxyPaths,
  bind: { host: string; port: number },
  accessLogRing?: string,
): HaproxyConfigModel {
  return {
    adminSocketPath: paths.adminSocket,
    serverStateFile: paths.serverState,
    bind,
    ...(accessLogRing ? { accessLogRing } : {}),
    pods: state.listPods().map((pod) => ({
      name: pod.name,
      algorithm: pod.algorithm,
      paused: pod.paused,
      job: pod.job,
      queuePerNode: pod.queuePerNode,
      servers: state.servers(pod.name).map((server) => ({
        name: server.nodeId,
        host: server.host,
        port: server.port,
        weight: server.weight,
        maxConnections: server.maxConnections,
        ...(server.phase === 'leaving' ? { state: 'maint' as const } : {}),
      })),
    })),
  };
}
