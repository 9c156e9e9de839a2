import type { BalancedPod, BalancedServer, LoadBalancer, ServerStatus } from '../app/lb/load-balancer';

/** Records membership instead of balancing: for tests of the control plane above the port. */
export class RecordingLoadBalancer implements LoadBalancer {
  readonly kind = 'embedded' as const;
  readonly url = 'http://127.0.0.1:2';
  readonly members = new Map<string, BalancedServer[]>();
  started = false;

  async start(pods: BalancedPod[], servers: Map<string, BalancedServer[]>): Promise<void> {
    this.started = true;
    for (const pod of pods) this.members.set(pod.name, [...(servers.get(pod.name) ?? [])]);
  }
  async stop(): Promise<void> {
    this.started = false;
  }
  async upsertPod(pod: BalancedPod): Promise<void> {
    if (!this.members.has(pod.name)) this.members.set(pod.name, []);
  }
  async removePod(name: string): Promise<void> {
    this.members.delete(name);
  }
  async addServer(pod: string, server: BalancedServer): Promise<void> {
    // As both adapters do: one server per node, a second add replaces the first.
    this.members.set(pod, [
      ...(this.members.get(pod) ?? []).filter((s) => s.nodeId !== server.nodeId),
      server,
    ]);
  }
  async removeServer(pod: string, nodeId: string): Promise<void> {
    this.members.set(
      pod,
      (this.members.get(pod) ?? []).filter((s) => s.nodeId !== nodeId),
    );
  }
  async status(): Promise<ServerStatus[]> {
    return [...this.members].flatMap(([pod, servers]) =>
      servers.map((s) => ({ ...s, pod, health: 'up' as const, currentSessions: 0, totalRequests: 0 })),
    );
  }
}
