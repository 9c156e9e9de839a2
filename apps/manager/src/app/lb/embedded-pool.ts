import { Agent } from 'node:http';
import { BalancePicker, type PickContext } from './balance-picker';
import { BalancedServerNotFoundError } from './balanced-server-not-found.error';
import { EmbeddedHealthCheck } from './embedded-health-check';
import { EmbeddedServerStats } from './embedded-server-stats';
import type { BalancedPod, BalancedServer, ServerStatus } from './load-balancer';
import { waitUntil } from './wait-until';

/** One node as the embedded balancer holds it: its own keep-alive agent, health check and counters. */
export interface EmbeddedServer {
  readonly server: BalancedServer;
  readonly agent: Agent;
  readonly health: EmbeddedHealthCheck;
  readonly stats: EmbeddedServerStats;
  inFlight: number;
  draining: boolean;
}

/** One pod's backend in the embedded balancer: servers in join order, the picker, drain. */
export class EmbeddedPool {
  private readonly servers = new Map<string, EmbeddedServer>();
  private readonly picker = new BalancePicker();

  constructor(public pod: BalancedPod) {}

  list(): EmbeddedServer[] {
    return [...this.servers.values()];
  }

  get(nodeId: string): EmbeddedServer | undefined {
    return this.servers.get(nodeId);
  }

  add(server: BalancedServer): void {
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: 256, maxFreeSockets: 64 });
    const health = new EmbeddedHealthCheck(server);
    const stats = new EmbeddedServerStats();
    this.servers.set(server.nodeId, {
      server: { ...server },
      agent,
      health,
      stats,
      inFlight: 0,
      draining: false,
    });
  }

  setWeight(nodeId: string, weight: number): void {
    const entry = this.servers.get(nodeId);
    if (!entry) throw new BalancedServerNotFoundError(this.pod.name, nodeId);
    entry.server.weight = weight;
  }

  hasServing(): boolean {
    return this.list().some((entry) => inRotation(entry) && entry.server.weight > 0);
  }

  pick(ctx: PickContext, exclude: ReadonlySet<string>): EmbeddedServer | null {
    const candidates = this.list()
      .filter((e) => inRotation(e) && !exclude.has(e.server.nodeId))
      .map((e) => ({ id: e.server.nodeId, weight: e.server.weight, inFlight: e.inFlight }));
    const chosen = this.picker.pick(this.pod.algorithm, candidates, ctx);
    return chosen ? (this.servers.get(chosen.id) ?? null) : null;
  }

  status(): ServerStatus[] {
    return this.list().map(({ server, health, stats, draining, inFlight }) => ({
      ...server,
      pod: this.pod.name,
      health: draining ? 'draining' : health.up ? 'up' : 'down',
      currentSessions: inFlight,
      totalRequests: stats.total,
      requestRate: stats.requestRate(),
      queue: 0,
      responseTimeMs: stats.responseTimeMs(),
      http5xx: stats.http5xx,
    }));
  }

  /** Out of rotation now; removed once its in-flight requests are done (or at the deadline). */
  async drain(nodeId: string, timeoutMs: number): Promise<boolean> {
    const entry = this.servers.get(nodeId);
    if (!entry) return true;
    entry.draining = true;
    const drained = await waitUntil(() => entry.inFlight === 0, { timeoutMs, pollMs: 10 });
    if (this.servers.get(nodeId) === entry) this.servers.delete(nodeId);
    entry.health.stop();
    entry.agent.destroy();
    return drained;
  }

  async drainAll(timeoutMs: number): Promise<void> {
    await Promise.all(this.list().map((entry) => this.drain(entry.server.nodeId, timeoutMs)));
  }
}

const inRotation = (entry: EmbeddedServer): boolean => !entry.draining && entry.health.up;
