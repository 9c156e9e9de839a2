import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  JOB_KIND_HEADER,
  JOB_SCALE_HEADER,
  noOnlineNodeBody,
  POD_NAME_PATTERN,
  podPausedBody,
  podSubpathBody,
  queueFullBody,
  RETRY_AFTER_SECONDS,
  scaleRefusedBody,
  unknownPathBody,
} from '@strato/contracts';
import { BalancedPodNotFoundError } from './balanced-pod-not-found.error';
import { BalancedServerNotFoundError } from './balanced-server-not-found.error';
import { type EmbeddedServer, EmbeddedPool, type Waiter } from './embedded-pool';
import { forwardRequest } from './embedded-proxy';
import { checkWeight } from './invalid-weight.error';
import type { BalancedPod, BalancedServer, LoadBalancer, PodStatus, ServerStatus } from './load-balancer';
import { routeOf } from './pod-path';
import { podStatusOf } from './pod-status';
import { ResponseTimes, type ResponseTimeSummary } from './response-times';

export interface EmbeddedLoadBalancerOptions {
  host: string;
  /** 0 picks a free port; `url` shows the real one after start. */
  port: number;
  serverTimeoutMs?: number;
  drainTimeoutMs?: number;
  /** How long a request may wait in a pod's queue (HAProxy `timeout queue`). */
  queueTimeoutMs?: number;
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

  async setMaxConnections(pod: string, maxConnections: number): Promise<void> {
    const pool = this.pools.get(pod);
    if (!pool) throw new BalancedPodNotFoundError(pod);
    pool.setMaxConnections(maxConnections);
  }

  async status(): Promise<ServerStatus[]> {
    return [...this.pools.values()].flatMap((pool) => pool.status());
  }

  async podStatus(): Promise<PodStatus[]> {
    return [...this.pools.values()].map((pool) => {
      const status = podStatusOf(pool.pod, pool.status());
      return { ...status, queue: status.queue + pool.queued };
    });
  }

  responseTimes(pod: string, windowMs: number): ResponseTimeSummary | null {
    return this.times.summary(pod, windowMs);
  }

  private get drainTimeoutMs(): number {
    return this.options.drainTimeoutMs ?? 30_000;
  }

  /** The same answers, in the same order, as the HAProxy frontend and backend rules. */
  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const route = routeOf(url);
    const pool = route && this.pools.get(route.pod);
    if (!route || !pool)
      return json(res, 404, unknownPathBody([...this.pools.keys()].map((name) => `/${name}`)));
    const name = pool.pod.name;
    if (route.kind === 'subpath') return json(res, 404, podSubpathBody(name));
    if (route.asksScale) return json(res, 400, scaleRefusedBody(name));
    if (pool.pod.paused) return json(res, 503, podPausedBody(name));
    if (!pool.hasServing()) return json(res, 503, noOnlineNodeBody(name), RETRY_LATER);
    const ctx = { clientIp: req.socket.remoteAddress ?? '', path: url.split('?')[0] };
    // As HAProxy's %Ta: from the request to the last byte of the answer, whichever server answered.
    const startedAt = performance.now();
    res.once('finish', () => this.times.record(name, performance.now() - startedAt));
    const options = {
      pod: name,
      serverTimeoutMs: this.options.serverTimeoutMs ?? 90_000,
      retries: 2,
      setHeaders: { [JOB_KIND_HEADER]: pool.pod.job.kind, [JOB_SCALE_HEADER]: String(pool.pod.job.scale) },
      onRelease: () => pool.admitWaiting(),
    };
    const forward = (server: EmbeddedServer): void =>
      forwardRequest(req, res, server, (exclude) => pool.pick(ctx, exclude), options);
    const free = pool.pick(ctx, new Set());
    if (free) return forward(free);
    this.wait(pool, res, { ctx, admit: forward });
  }

  /** In the pod's queue until a node has a free slot; 503 when the queue is full or the wait too long. */
  private wait(pool: EmbeddedPool, res: ServerResponse, waiter: Waiter): void {
    const timer = setTimeout(() => {
      if (pool.cancel(waiter)) json(res, 503, noOnlineNodeBody(pool.pod.name), RETRY_LATER);
    }, this.options.queueTimeoutMs ?? 30_000);
    const admit = waiter.admit;
    const queued: Waiter = {
      ctx: waiter.ctx,
      admit: (server) => {
        clearTimeout(timer);
        admit(server);
      },
    };
    if (!pool.enqueue(queued)) {
      clearTimeout(timer);
      return json(res, 503, queueFullBody(pool.pod.name), RETRY_LATER);
    }
    res.once('close', () => {
      if (pool.cancel(queued)) clearTimeout(timer);
    });
  }
}

const RETRY_LATER = { 'retry-after': String(RETRY_AFTER_SECONDS) };

function json(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...headers,
    })
    .end(body);
}
