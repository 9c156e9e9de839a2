import { BalancedServerNotFoundError } from '../app/lb/balanced-server-not-found.error';
import { checkWeight } from '../app/lb/invalid-weight.error';
import type {
  BalancedPod,
  BalancedServer,
  LoadBalancer,
  PodStatus,
  ServerStatus,
} from '../app/lb/load-balancer';
import { podStatusOf } from '../app/lb/pod-status';
import type { ResponseTimeSummary } from '../app/lb/response-times';

/** Records membership instead of balancing: for tests of the control plane above the port. */
export class RecordingLoadBalancer implements LoadBalancer {
  readonly kind = 'embedded' as const;
  readonly url = 'http://127.0.0.1:2';
  timesRequests = true;
  readonly members = new Map<string, BalancedServer[]>();
  readonly pods = new Map<string, BalancedPod>();
  started = false;
  /** Health that status() reports for a server instead of `up` (a server put in maint by hand). */
  readonly health = new Map<string, ServerStatus['health']>();
  /** What responseTimes() answers, per pod: set by tests of the latency metric. */
  readonly latencies = new Map<string, ResponseTimeSummary>();

  async start(pods: BalancedPod[], servers: Map<string, BalancedServer[]>): Promise<void> {
    this.started = true;
    for (const pod of pods) {
      this.pods.set(pod.name, { ...pod });
      this.members.set(pod.name, [...(servers.get(pod.name) ?? [])]);
    }
  }
  async stop(): Promise<void> {
    this.started = false;
  }
  async detach(): Promise<void> {
    this.started = false;
  }
  async upsertPod(pod: BalancedPod): Promise<void> {
    this.pods.set(pod.name, { ...pod });
    if (!this.members.has(pod.name)) this.members.set(pod.name, []);
  }
  async removePod(name: string): Promise<void> {
    this.pods.delete(name);
    this.members.delete(name);
  }
  async addServer(pod: string, server: BalancedServer): Promise<void> {
    checkWeight(server.weight);
    this.health.delete(server.nodeId);
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
  async setWeight(pod: string, nodeId: string, weight: number): Promise<void> {
    checkWeight(weight);
    const servers = this.members.get(pod) ?? [];
    if (!servers.some((s) => s.nodeId === nodeId)) throw new BalancedServerNotFoundError(pod, nodeId);
    this.members.set(
      pod,
      servers.map((s) => (s.nodeId === nodeId ? { ...s, weight } : s)),
    );
  }

  async setMaxConnections(pod: string, maxConnections: number): Promise<void> {
    this.members.set(
      pod,
      (this.members.get(pod) ?? []).map((s) => ({ ...s, maxConnections })),
    );
  }
  async status(): Promise<ServerStatus[]> {
    return (await this.podStatus()).flatMap((pod) => pod.servers);
  }
  responseTimes(pod: string): ResponseTimeSummary | null {
    return this.latencies.get(pod) ?? null;
  }
  async podStatus(): Promise<PodStatus[]> {
    return [...this.members].map(([name, servers]) =>
      podStatusOf(
        this.pods.get(name) ?? {
          name,
          algorithm: 'roundrobin',
          paused: false,
          job: { kind: 'light', scale: 1 },
          queuePerNode: 1000,
        },
        servers.map((s) => ({
          ...s,
          pod: name,
          health: this.health.get(s.nodeId) ?? ('up' as const),
          currentSessions: 0,
          totalRequests: 0,
          requestRate: 0,
          queue: 0,
          responseTimeMs: 0,
          http5xx: 0,
          downTransitions: 0,
        })),
      ),
    );
  }
}
