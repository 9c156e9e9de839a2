import { Agent } from 'node:http';
import { BalancePicker, type PickContext } from './balance-picker';
import { EMBEDDED_HEALTH_CHECK, EmbeddedHealthCheck } from './embedded-health-check';
import { BalancedServerNotFoundError } from './balanced-server-not-found.error';
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

/** A request waiting in the pod's queue for a node with a free slot. */
export interface Waiter {
  ctx: PickContext;
  admit: (server: EmbeddedServer) => void;
}

/**
 * One pod's backend in the embedded balancer: servers in join order, the picker, the queue, drain. As
 * HAProxy's backend: a node gets at most `maxConnections` requests at once; the rest wait in order,
 * at most the pod's `queuePerNode` per serving node.
 */
export class EmbeddedPool {
  private readonly servers = new Map<string, EmbeddedServer>();
  private readonly picker = new BalancePicker();
  private readonly waiting: Waiter[] = [];

  constructor(public pod: BalancedPod) {}

  list(): EmbeddedServer[] {
    return [...this.servers.values()];
  }

  get(nodeId: string): EmbeddedServer | undefined {
    return this.servers.get(nodeId);
  }

  add(server: BalancedServer): void {
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: 256, maxFreeSockets: 64 });
    const health = new EmbeddedHealthCheck(server, EMBEDDED_HEALTH_CHECK, () => this.admitWaiting());
    const stats = new EmbeddedServerStats();
    this.servers.set(server.nodeId, {
      server: { ...server },
      agent,
      health,
      stats,
      inFlight: 0,
      draining: false,
    });
    this.admitWaiting();
  }

  setWeight(nodeId: string, weight: number): void {
    const entry = this.servers.get(nodeId);
    if (!entry) throw new BalancedServerNotFoundError(this.pod.name, nodeId);
    entry.server.weight = weight;
    this.admitWaiting();
  }

  setMaxConnections(maxConnections: number): void {
    for (const entry of this.servers.values()) entry.server.maxConnections = maxConnections;
    this.admitWaiting();
  }

  hasServing(): boolean {
    return this.list().some((entry) => inRotation(entry) && entry.server.weight > 0);
  }

  /** A serving node with a free slot, by the pod's algorithm; null when every one is full. */
  pick(ctx: PickContext, exclude: ReadonlySet<string>): EmbeddedServer | null {
    const candidates = this.list()
      .filter((e) => inRotation(e) && hasRoom(e) && !exclude.has(e.server.nodeId))
      .map((e) => ({ id: e.server.nodeId, weight: e.server.weight, inFlight: e.inFlight }));
    const chosen = this.picker.pick(this.pod.algorithm, candidates, ctx);
    return chosen ? (this.servers.get(chosen.id) ?? null) : null;
  }

  /** Queues the request; false when the queue is full. */
  enqueue(waiter: Waiter): boolean {
    const serving = this.list().filter(inRotation).length;
    if (this.waiting.length >= this.pod.queuePerNode * Math.max(1, serving)) return false;
    this.waiting.push(waiter);
    return true;
  }

  /** Takes a waiting request out (its client left, or it waited too long); false if already admitted. */
  cancel(waiter: Waiter): boolean {
    const index = this.waiting.indexOf(waiter);
    if (index >= 0) this.waiting.splice(index, 1);
    return index >= 0;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Hands waiting requests, in order, to nodes with a free slot. */
  admitWaiting(): void {
    while (this.waiting.length > 0) {
      const server = this.pick(this.waiting[0].ctx, new Set());
      if (!server) return;
      (this.waiting.shift() as Waiter).admit(server);
    }
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
      downTransitions: health.downTransitions,
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
// As HAProxy's maxconn: 0 is no limit.
const hasRoom = (entry: EmbeddedServer): boolean =>
  entry.server.maxConnections <= 0 || entry.inFlight < entry.server.maxConnections;
