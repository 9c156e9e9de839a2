import type { BalancedPod, BalancedServer } from './load-balancer';
import { BalancedPodNotFoundError } from './balanced-pod-not-found.error';
import { BalancedServerNotFoundError } from './balanced-server-not-found.error';

/** `leaving`: out of rotation and on its way out (drain, maint, delete). */
export type ServerPhase = 'serving' | 'leaving';

export interface TrackedServer extends BalancedServer {
  phase: ServerPhase;
}

/** What the load balancer should contain: pods in creation order, each with its servers in join order. */
export class BalancerState {
  private readonly pods = new Map<string, { pod: BalancedPod; servers: Map<string, TrackedServer> }>();

  load(pods: BalancedPod[], servers: Map<string, BalancedServer[]>): void {
    this.pods.clear();
    for (const pod of pods) {
      this.upsertPod(pod);
      for (const server of servers.get(pod.name) ?? []) this.addServer(pod.name, server);
    }
  }

  /** A function that puts every pod and server back as they are now. */
  snapshot(): () => void {
    const saved = [...this.pods.entries()].map(([name, entry]) => {
      const servers = [...entry.servers.values()].map((server) => ({ ...server }));
      return [name, { ...entry.pod }, servers] as const;
    });
    return () => {
      this.pods.clear();
      for (const [name, pod, servers] of saved) {
        this.pods.set(name, { pod, servers: new Map(servers.map((server) => [server.nodeId, server])) });
      }
    };
  }

  upsertPod(pod: BalancedPod): void {
    const existing = this.pods.get(pod.name);
    if (existing) existing.pod = { ...pod };
    else this.pods.set(pod.name, { pod: { ...pod }, servers: new Map() });
  }

  removePod(name: string): boolean {
    return this.pods.delete(name);
  }

  hasPod(name: string): boolean {
    return this.pods.has(name);
  }

  listPods(): BalancedPod[] {
    return [...this.pods.values()].map((entry) => ({ ...entry.pod }));
  }

  servers(pod: string): TrackedServer[] {
    return [...(this.pods.get(pod)?.servers.values() ?? [])];
  }

  server(pod: string, nodeId: string): TrackedServer | undefined {
    return this.pods.get(pod)?.servers.get(nodeId);
  }

  addServer(pod: string, server: BalancedServer): TrackedServer {
    const entry = this.pods.get(pod);
    if (!entry) throw new BalancedPodNotFoundError(pod);
    const tracked: TrackedServer = { ...server, phase: 'serving' };
    entry.servers.set(server.nodeId, tracked);
    return tracked;
  }

  setWeight(pod: string, nodeId: string, weight: number): void {
    const server = this.server(pod, nodeId);
    if (!server) throw new BalancedServerNotFoundError(pod, nodeId);
    server.weight = weight;
  }

  setMaxConnections(pod: string, maxConnections: number): void {
    for (const server of this.servers(pod)) server.maxConnections = maxConnections;
  }

  markLeaving(pod: string, nodeId: string): void {
    const server = this.server(pod, nodeId);
    if (server) server.phase = 'leaving';
  }

  deleteServer(pod: string, nodeId: string): void {
    this.pods.get(pod)?.servers.delete(nodeId);
  }
}
