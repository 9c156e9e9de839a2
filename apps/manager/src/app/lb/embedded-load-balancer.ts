import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { POD_NAME_PATTERN } from '@strato/contracts';
import { noOnlineNodeBody, podPausedBody, unknownPathBody } from '@strato/contracts';
import { BalancedPodNotFoundError } from './balanced-pod-not-found.error';
import { BalancedServerNotFoundError } from './balanced-server-not-found.error';
import { EmbeddedPool } from './embedded-pool';
import { forwardRequest } from './embedded-proxy';
import { checkWeight } from './invalid-weight.error';
import type { BalancedPod, BalancedServer, LoadBalancer, PodStatus, ServerStatus } from './load-balancer';
import { podFromUrl } from './pod-path';
import { podStatusOf } from './pod-status';
import { ResponseTimes, type ResponseTimeSummary } from './response-times';

export interface EmbeddedLoadBalancerOptions {
  host: string;
  /** 0 picks a free port; `url` shows the real one after start. */
  port: number;
  serverTimeoutMs?: number;
  drainTimeoutMs?: number;
}

/** In-process balancer (node:http) for the zero-install default; same routing and answers as HAProxy. */
export class EmbeddedLoadBalancer implements LoadBalancer {
  readonly kind = 'embedded' as const;
  readonly timesRequests = true;
  private readonly pools = new Map<string, EmbeddedPool>();
  private readonly times = new ResponseTimes();
  private server: Server | null = null;

  constructor(private readonly options: EmbeddedLoadBalancerOptions) {}

  get url(): string {
    const port = (this.server?.address() as AddressInfo | null)?.port ?? this.options.port;
    return `http://${this.options.host}:${port}`;
  }

  async start(pods: BalancedPod[], servers: Map<string, BalancedServer[]>): Promise<void> {
    for (const pod of pods) {
      const pool = new EmbeddedPool({ ...pod });
      for (const server of servers.get(pod.name) ?? []) pool.add(server);
      this.pools.set(pod.name, pool);
    }
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all([...this.pools.values()].map((pool) => pool.drainAll(this.drainTimeoutMs)));
      server.closeAllConnections();
      await closed;
    }
    this.pools.clear();
  }

  /** In-process: nothing can outlive the manager, so detaching stops. */
  detach(): Promise<void> {
    return this.stop();
  }

  async upsertPod(pod: BalancedPod): Promise<void> {
    if (!POD_NAME_PATTERN.test(pod.name)) throw new Error(`invalid pod name ${JSON.stringify(pod.name)}`);
    const pool = this.pools.get(pod.name);
    if (pool) pool.pod = { ...pod };
    else this.pools.set(pod.name, new EmbeddedPool({ ...pod }));
  }

  async removePod(name: string): Promise<void> {
    const pool = this.pools.get(name);
    this.pools.delete(name);
    this.times.forget(name);
    await pool?.drainAll(this.drainTimeoutMs);
  }

  async addServer(pod: string, server: BalancedServer): Promise<void> {
    checkWeight(server.weight);
    const pool = this.pools.get(pod);
    if (!pool) throw new BalancedPodNotFoundError(pod);
    const existing = pool.get(server.nodeId);
    if (existing && (existing.server.host !== server.host || existing.server.port !== server.port)) {
      await pool.drain(server.nodeId, this.drainTimeoutMs);
    } else if (existing) {
      existing.server.weight = server.weight;
      existing.draining = false;
      return;
    }
    pool.add(server);
  }

  async removeServer(pod: string, nodeId: string): Promise<void> {
    await this.pools.get(pod)?.drain(nodeId, this.drainTimeoutMs);
  }

  async setWeight(pod: string, nodeId: string, weight: number): Promise<void> {
    checkWeight(weight);
    const pool = this.pools.get(pod);
    if (!pool) throw new BalancedServerNotFoundError(pod, nodeId);
    pool.setWeight(nodeId, weight);
  }

  async status(): Promise<ServerStatus[]> {
    return [...this.pools.values()].flatMap((pool) => pool.status());
  }

  async podStatus(): Promise<PodStatus[]> {
    return [...this.pools.values()].map((pool) => podStatusOf(pool.pod, pool.status()));
  }

  responseTimes(pod: string, windowMs: number): ResponseTimeSummary | null {
    return this.times.summary(pod, windowMs);
  }

  private get drainTimeoutMs(): number {
    return this.options.drainTimeoutMs ?? 30_000;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const pool = this.pools.get(podFromUrl(url) ?? '');
    if (!pool) return json(res, 404, unknownPathBody([...this.pools.keys()].map((name) => `/${name}`)));
    if (pool.pod.paused) return json(res, 503, podPausedBody(pool.pod.name));
    if (!pool.hasServing()) return json(res, 503, noOnlineNodeBody(pool.pod.name));
    const ctx = { clientIp: req.socket.remoteAddress ?? '', path: url.split('?')[0] };
    // As HAProxy's %Ta: from the request to the last byte of the answer, whichever server answered.
    const startedAt = performance.now();
    res.once('finish', () => this.times.record(pool.pod.name, performance.now() - startedAt));
    forwardRequest(req, res, (exclude) => pool.pick(ctx, exclude), {
      pod: pool.pod.name,
      serverTimeoutMs: this.options.serverTimeoutMs ?? 90_000,
      retries: 2,
    });
  }
}

function json(res: ServerResponse, status: number, body: string): void {
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    .end(body);
}
