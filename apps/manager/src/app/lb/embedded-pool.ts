import { Agent } from 'node:http';
import { BalancePicker, type PickContext } from './balance-picker';
import type { BalancedPod, BalancedServer } from './load-balancer';
import { waitUntil } from './wait-until';

/** One node as the embedded balancer holds it: its own keep-alive agent and live counters. */
export interface EmbeddedServer {
  readonly server: BalancedServer;
  readonly agent: Agent;
  inFlight: number;
  total: number;
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
    this.servers.set(server.nodeId, { server: { ...server }, agent, inFlight: 0, total: 0, draining: false });
  }

  hasServing(): boolean {
    return this.list().some((entry) => !entry.draining && entry.server.weight > 0);
  }

  pick(ctx: PickContext, exclude: ReadonlySet<string>): EmbeddedServer | null {
    const serving = this.list().filter((e) => !e.draining && !exclude.has(e.server.nodeId));
    const candidates = serving.map((e) => ({
      id: e.server.nodeId,
      weight: e.server.weight,
      inFlight: e.inFlight,
    }));
    const chosen = this.picker.pick(this.pod.algorithm, candidates, ctx);
    return chosen ? (this.servers.get(chosen.id) ?? null) : null;
  }

  /** Out of rotation now; removed once its in-flight requests are done (or at the deadline). */
  async drain(nodeId: string, timeoutMs: number): Promise<boolean> {
    const entry = this.servers.get(nodeId);
    if (!entry) return true;
    entry.draining = true;
    const drained = await waitUntil(() => entry.inFlight === 0, { timeoutMs, pollMs: 10 });
    if (this.servers.get(nodeId) === entry) this.servers.delete(nodeId);
    entry.agent.destroy();
    return drained;
  }

  async drainAll(timeoutMs: number): Promise<void> {
    await Promise.all(this.list().map((entry) => this.drain(entry.server.nodeId, timeoutMs)));
  }
}
