import { type StratoClient, unwrap } from '@strato/api-client';

/**
 * What the owner can see of the cloud, less what moves on its own: agents' heartbeats, the load
 * balancer's traffic counters and health checks, the elasticity loop's last evaluation.
 */
export async function cloudState(api: StratoClient) {
  const [pods, nodes, lb, elasticity, agents, events, jobs] = await Promise.all([
    unwrap(api.GET('/api/v1/pods')),
    unwrap(api.GET('/api/v1/nodes')),
    unwrap(api.GET('/api/v1/lb')),
    unwrap(api.GET('/api/v1/elasticity')),
    unwrap(api.GET('/api/v1/agents')),
    unwrap(api.GET('/api/v1/events', { params: { query: { limit: 1000 } } })),
    unwrap(api.GET('/api/v1/jobs', { params: { query: { limit: 1000 } } })),
  ]);
  return {
    pods,
    nodes,
    jobs,
    lb: {
      kind: lb.kind,
      url: lb.url,
      pods: lb.pods.map((p) => ({
        pod: p.pod,
        algorithm: p.algorithm,
        paused: p.paused,
        servers: p.servers.map((s) => ({ node: s.node, host: s.host, port: s.port, weight: s.weight })),
      })),
    },
    elasticity: elasticity.map((e) => ({
      pod: e.pod,
      enabled: e.enabled,
      policy: e.policy,
      tickMs: e.tickMs,
    })),
    agents: agents.map((a) => ({
      id: a.id,
      url: a.url,
      runtime: a.runtime,
      cores: a.cores,
      memoryBytes: a.memoryBytes,
      registeredAt: a.registeredAt,
    })),
    events: { count: events.length, newest: events[0]?.id },
  };
}
