import {
  HaproxyNoSuchServerError,
  HaproxySupervisor,
  backendName,
  joinServer,
  leaveServer,
  renderHaproxyConfig,
} from '@strato/haproxy';
import { BalancerState } from './balancer-state';
import { haproxyConfigFromState } from './haproxy-config-from-state';
import { haproxyServerStatus } from './haproxy-server-status';
import type { BalancedPod, BalancedServer, LoadBalancer, ServerStatus } from './load-balancer';
import { SerialLock } from './serial-lock';

export interface HaproxyLoadBalancerOptions {
  binary: string;
  workDir: string;
  host: string;
  port: number;
  /** Bound on waiting for in-flight requests when a server leaves (default 30 s). */
  drainTimeoutMs?: number;
  /** Let haproxy outlive the manager; the next start reattaches through the pidfile. */
  detached?: boolean;
}

/**
 * HAProxy 2.6 behind the LoadBalancer port. Membership changes go through the runtime API, never a
 * reload; structural changes render the whole config from state (every current server included) and
 * reload. Reloads and runtime commands never interleave: a command sent to the old worker after the
 * server-state snapshot would be lost.
 */
export class HaproxyLoadBalancer implements LoadBalancer {
  readonly kind = 'haproxy' as const;
  readonly url: string;
  private readonly supervisor: HaproxySupervisor;
  private readonly state = new BalancerState();
  private readonly lock = new SerialLock();

  constructor(private readonly options: HaproxyLoadBalancerOptions) {
    this.url = `http://${options.host}:${options.port}`;
    this.supervisor = new HaproxySupervisor({
      binary: options.binary,
      workDir: options.workDir,
      detached: options.detached,
    });
  }

  async start(pods: BalancedPod[], servers: Map<string, BalancedServer[]>): Promise<void> {
    await this.lock.run(async () => {
      this.state.load(pods, servers);
      await this.supervisor.start(this.renderConfig());
    });
  }

  stop(): Promise<void> {
    return this.lock.run(() => this.supervisor.stop());
  }

  upsertPod(pod: BalancedPod): Promise<void> {
    return this.lock.run(() => this.reloadWith((state) => state.upsertPod(pod)));
  }

  removePod(name: string): Promise<void> {
    return this.lock.run(async () => {
      if (!this.state.hasPod(name)) return;
      // In-flight requests finish in the old worker; the new one no longer has the backend.
      await this.reloadWith((state) => state.removePod(name));
    });
  }

  async addServer(pod: string, server: BalancedServer): Promise<void> {
    const existing = this.state.server(pod, server.nodeId);
    if (existing && (existing.host !== server.host || existing.port !== server.port)) {
      await this.removeServer(pod, server.nodeId);
    }
    await this.lock.run(async () => {
      this.state.addServer(pod, server);
      const { host, port, weight } = server;
      await joinServer(this.supervisor.runtime, backendName(pod), server.nodeId, { host, port, weight });
    });
  }

  async removeServer(pod: string, nodeId: string): Promise<void> {
    if (!this.state.server(pod, nodeId)) return;
    await this.lock.run(async () => this.state.markLeaving(pod, nodeId));
    try {
      await leaveServer(this.supervisor.runtime, backendName(pod), nodeId, {
        drainTimeoutMs: this.options.drainTimeoutMs ?? 30_000,
        exclusive: (step) => this.lock.run(step),
        othersIdle: async () => (await this.supervisor.oldWorkerSessions(backendName(pod), nodeId)) === 0,
        onDeleted: () => this.state.deleteServer(pod, nodeId),
      });
    } catch (error) {
      if (!(error instanceof HaproxyNoSuchServerError)) throw error;
      this.state.deleteServer(pod, nodeId);
    }
  }

  async status(): Promise<ServerStatus[]> {
    const rows = await this.supervisor.runtime.showStat();
    return haproxyServerStatus(this.state, rows);
  }

  /** Applies a structural change and reloads; a refused config leaves state as it was (and haproxy too). */
  private async reloadWith(change: (state: BalancerState) => void): Promise<void> {
    const restore = this.state.snapshot();
    try {
      change(this.state);
      await this.supervisor.reload(this.renderConfig());
    } catch (error) {
      restore();
      throw error;
    }
  }

  private renderConfig(): string {
    const { host, port } = this.options;
    return renderHaproxyConfig(haproxyConfigFromState(this.state, this.supervisor.paths, { host, port }));
  }
}
