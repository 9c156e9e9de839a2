import { Logger } from '@nestjs/common';
import {
  ACCESS_LOG_RING,
  HaproxySupervisor,
  HaproxyWatchdog,
  backendName,
  joinServer,
  renderHaproxyConfig,
  type HaproxyRestart,
} from '@strato/haproxy';
import { BalancedPodNotFoundError } from './balanced-pod-not-found.error';
import { BalancedServerNotFoundError } from './balanced-server-not-found.error';
import { BalancerState } from './balancer-state';
import { haproxyConfigFromState } from './haproxy-config-from-state';
import { haproxyLeave } from './haproxy-leave';
import { HaproxyStats } from './haproxy-server-status';
import { checkWeight } from './invalid-weight.error';
import { unlessHaproxyFailed } from './load-balancer-unavailable.error';
import type { BalancedPod, BalancedServer, LoadBalancer, PodStatus, ServerStatus } from './load-balancer';
import { SerialLock } from './serial-lock';
import { HaproxyAccessLog } from './haproxy-access-log';
import { ResponseTimes, type ResponseTimeSummary } from './response-times';

export interface HaproxyLoadBalancerOptions {
  binary: string;
  workDir: string;
  host: string;
  port: number;
  /** Bound on waiting for in-flight requests when a server leaves (default 30 s). */
  drainTimeoutMs?: number;
  /** Own process group, so haproxy outlives the manager and the next start reattaches (default true). */
  detached?: boolean;
  onRestart?: (restart: HaproxyRestart) => void;
  /** Time requests from haproxy's access log (default true): every one, or a weighted sample of a busy pod's. */
  accessLog?: boolean;
  /** A busy pod's requests are timed at this many to twice as many a second (default 250; tests lower it). */
  accessLogLinesPerSecondPerPod?: number;
}

/**
 * HAProxy 2.6 behind the LoadBalancer port. Membership and weights go through the runtime API, never a
 * reload, and the config file is then rewritten as a full snapshot (not loaded); structural changes
 * render the whole config from state (every current server and weight included) and reload; a watchdog
 * restarts a dead haproxy from the same rendering. Reloads, restarts and runtime commands never
 * interleave: a command sent to the old worker after the server-state snapshot would be lost. Requests
 * are timed from the worker's access-log ring (every one, or a weighted sample of a busy pod's), followed
 * again after each reload and restart (the stream would otherwise keep the old worker alive and miss the
 * new one's requests).
 */
export class HaproxyLoadBalancer implements LoadBalancer {
  readonly kind = 'haproxy' as const;
  readonly timesRequests: boolean;
  readonly url: string;
  private readonly supervisor: HaproxySupervisor;
  private readonly watchdog: HaproxyWatchdog;
  private readonly state = new BalancerState();
  private readonly lock = new SerialLock();
  /** A runtime-API change is not in haproxy.cfg yet (the next saveSnapshot writes it). */
  private snapshotDue = false;
  private readonly stats: HaproxyStats;
  private readonly times = new ResponseTimes();
  private readonly accessLog: HaproxyAccessLog | null;
  private readonly logger = new Logger(HaproxyLoadBalancer.name);

  constructor(private readonly options: HaproxyLoadBalancerOptions) {
    this.url = `http://${options.host}:${options.port}`;
    this.timesRequests = options.accessLog !== false;
    const { binary, workDir } = options;
    this.supervisor = new HaproxySupervisor({ binary, workDir, detached: options.detached ?? true });
    this.stats = new HaproxyStats(this.supervisor.runtime, this.state);
    this.accessLog = !this.timesRequests
      ? null
      : new HaproxyAccessLog(this.supervisor.paths.adminSocket, ACCESS_LOG_RING, (entry) =>
          this.times.record(entry.pod, entry.totalMs, entry.weight),
        );
    this.watchdog = new HaproxyWatchdog(this.supervisor, {
      config: () => this.renderConfig(),
      exclusive: (step) => this.lock.run(step),
      beforeRestart: () => this.stats.rebase(),
      onRestart: (restart) => {
        this.accessLog?.follow();
        this.logger.warn(
          `haproxy exited (${restart.exit}); restarted from desired state in ${restart.restartMs} ms`,
        );
        options.onRestart?.(restart);
      },
      onError: (error) => this.logger.error(`restarting haproxy failed, retrying: ${error.message}`),
    });
  }

  async start(pods: BalancedPod[], servers: Map<string, BalancedServer[]>): Promise<void> {
    await this.lock.run(async () => {
      this.state.load(pods, servers);
      await this.supervisor.start(this.renderConfig());
      this.accessLog?.follow();
    });
    this.watchdog.start();
  }

  async stop(): Promise<void> {
    this.watchdog.stop();
    this.accessLog?.stop();
    await this.lock.run(() => this.supervisor.stop());
  }

  async detach(): Promise<void> {
    this.watchdog.stop();
    await this.lock.run(async () => undefined);
    this.accessLog?.stop();
  }

  upsertPod(pod: BalancedPod): Promise<void> {
    return this.lock
      .run(() => this.reloadWith((state) => state.upsertPod(pod)))
      .catch(unlessHaproxyFailed(`apply the settings of pod ${pod.name}`));
  }

  removePod(name: string): Promise<void> {
    return this.lock
      .run(async () => {
        if (!this.state.hasPod(name)) return;
        // In-flight requests finish in the old worker; the new one no longer has the backend.
        await this.reloadWith((state) => state.removePod(name));
        this.times.forget(name);
      })
      .catch(unlessHaproxyFailed(`remove pod ${name}`));
  }

  addServer(pod: string, server: BalancedServer): Promise<void> {
    return this.join(pod, server).catch(unlessHaproxyFailed(`add node ${server.nodeId} to pod ${pod}`));
  }

  private async join(pod: string, server: BalancedServer): Promise<void> {
    checkWeight(server.weight);
    const existing = this.state.server(pod, server.nodeId);
    if (existing && (existing.host !== server.host || existing.port !== server.port)) {
      await this.removeServer(pod, server.nodeId);
    }
    await this.lock.run(async () => {
      this.state.addServer(pod, server);
      const { host, port, weight, maxConnections } = server;
      const options = { host, port, weight, maxConnections };
      await joinServer(this.supervisor.runtime, backendName(pod), server.nodeId, options);
      this.snapshotDue = true;
    });
    await this.saveSnapshot();
  }

  removeServer(pod: string, nodeId: string): Promise<void> {
    return this.leave(pod, nodeId).catch(unlessHaproxyFailed(`take node ${nodeId} out of pod ${pod}`));
  }

  private async leave(pod: string, nodeId: string): Promise<void> {
    if (!this.state.server(pod, nodeId)) return;
    await this.lock.run(async () => this.state.markLeaving(pod, nodeId));
    await haproxyLeave(this.supervisor, this.state, pod, nodeId, {
      drainTimeoutMs: this.options.drainTimeoutMs ?? 30_000,
      exclusive: (step) => this.lock.run(step),
    });
    this.stats.forget(pod, nodeId);
    this.snapshotDue = true;
    await this.saveSnapshot();
  }

  async setWeight(pod: string, nodeId: string, weight: number): Promise<void> {
    checkWeight(weight);
    await this.lock
      .run(async () => {
        if (!this.state.server(pod, nodeId)) throw new BalancedServerNotFoundError(pod, nodeId);
        await this.supervisor.runtime.setWeight(backendName(pod), nodeId, weight);
        this.state.setWeight(pod, nodeId, weight);
        this.snapshotDue = true;
      })
      .catch(unlessHaproxyFailed(`set the weight of node ${nodeId}`));
    await this.saveSnapshot();
  }

  async setMaxConnections(pod: string, maxConnections: number): Promise<void> {
    await this.lock
      .run(async () => {
        if (!this.state.hasPod(pod)) throw new BalancedPodNotFoundError(pod);
        for (const server of this.state.servers(pod)) {
          await this.supervisor.runtime.setMaxConnections(backendName(pod), server.nodeId, maxConnections);
        }
        this.state.setMaxConnections(pod, maxConnections);
        this.snapshotDue = true;
      })
      .catch(unlessHaproxyFailed(`set the concurrency of the nodes of pod ${pod}`));
    await this.saveSnapshot();
  }

  responseTimes(pod: string, windowMs: number): ResponseTimeSummary | null {
    return this.times.summary(pod, windowMs);
  }

  async status(): Promise<ServerStatus[]> {
    return (await this.podStatus()).flatMap((pod) => pod.servers);
  }

  /** Under the lock, so a counter reset by a reload or restart is never read half-way. */
  podStatus(): Promise<PodStatus[]> {
    return this.lock.run(() => this.stats.read());
  }

  /** Applies a structural change and reloads; a refused config leaves state as it was (and haproxy too). */
  private async reloadWith(change: (state: BalancerState) => void): Promise<void> {
    // The reload restarts haproxy's counters from 0: read them first so the totals keep what they counted.
    await this.stats.read();
    const restore = this.state.snapshot();
    try {
      change(this.state);
      await this.supervisor.reload(this.renderConfig());
      this.stats.rebase();
      this.accessLog?.follow();
    } catch (error) {
      restore();
      throw error;
    }
  }

  /**
   * Keeps haproxy.cfg a full snapshot after runtime-API changes (the change itself already happened): when
   * it resolves, the file has the caller's change. One write serves every change made before it: rendering
   * and writing the whole file per change made 1,000 launches O(n²).
   */
  private saveSnapshot(): Promise<void> {
    return this.lock.run(async () => {
      if (!this.snapshotDue) return;
      this.snapshotDue = false;
      await this.supervisor.saveConfig(this.renderConfig()).catch((error: Error) => {
        this.logger.warn(
          `could not write the haproxy.cfg snapshot (the next reload renders it): ${error.message}`,
        );
      });
    });
  }

  private renderConfig(): string {
    const { host, port } = this.options;
    const accessLogRing = this.accessLog ? ACCESS_LOG_RING : undefined;
    const model = haproxyConfigFromState(this.state, this.supervisor.paths, { host, port }, accessLogRing);
    return renderHaproxyConfig({
      ...model,
      accessLogLinesPerSecondPerPod: this.options.accessLogLinesPerSecondPerPod,
    });
  }
}
