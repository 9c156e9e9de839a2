import type { BalanceAlgorithm, PodJob } from '@strato/contracts';
import type { ResponseTimeSummary } from './response-times';

/** One pod as the load balancer sees it: a path (`/<name>`) routed to one backend. */
export interface BalancedPod {
  name: string;
  algorithm: BalanceAlgorithm;
  paused: boolean;
  /** What `/<name>` runs: the balancer names it to the node, whatever the end user asked. */
  job: PodJob;
  /** The pod's queue holds at most this many requests per serving node; beyond, 503 + Retry-After. */
  queuePerNode: number;
}

/** One node serving a pod: its job server on host:port. */
export interface BalancedServer {
  nodeId: string;
  host: string;
  port: number;
  /** 0..256, relative share of requests; 0 takes the node out of rotation without removing it. */
  weight: number;
  /** Requests the node gets at once (HAProxy `maxconn`); the rest wait in the pod's queue. */
  maxConnections: number;
}

/** HAProxy's view after health checks: `up` (also `UP 1/2`, no check), `down`, `draining`, `maint`. */
export type ServerHealth = 'up' | 'down' | 'draining' | 'maint';

export interface ServerStatus extends BalancedServer {
  pod: string;
  health: ServerHealth;
  currentSessions: number;
  /** Requests sent to the node since the balancer started (survives HAProxy reloads and restarts). */
  totalRequests: number;
  /** Requests per second over the last second. */
  requestRate: number;
  /** Requests waiting for a connection slot on this node (HAProxy: queued for it by name; else 0). */
  queue: number;
  /** Times the health check took the node from up to down since the balancer started. */
  downTransitions: number;
  /** Time to the node's response headers, averaged over its last 1024 requests (HAProxy `rtime`). */
  responseTimeMs: number;
  /** 5xx responses from (or, for 502/504, about) this node since the balancer started. */
  http5xx: number;
}

/** A pod with every server and its totals; an empty or paused pod is listed too. */
export interface PodStatus extends BalancedPod {
  servers: ServerStatus[];
  requestRate: number;
  currentSessions: number;
  /** Requests waiting in the balancer for a free node: the pod's queue and its servers' together. */
  queue: number;
  http5xx: number;
  /** Servers' `responseTimeMs` weighted by their request rate (by total requests when idle). */
  responseTimeMs: number;
}

/**
 * The load balancer port (data path). Adapters: HaproxyLoadBalancer (HAProxy 2.6 through its runtime
 * API) and EmbeddedLoadBalancer (in-process, the zero-install default). Both answer 503 with a JSON body
 * for a paused pod or a pod with no server, and 404 with a JSON body for an unknown path.
 *
 * Errors: BalancedPodNotFoundError, BalancedServerNotFoundError, InvalidWeightError, LoadBalancerUnavailableError
 * (all with a `code`).
 */
export interface LoadBalancer {
  readonly kind: 'haproxy' | 'embedded';
  /** Where end users send requests, e.g. http://127.0.0.1:8000 */
  readonly url: string;
  /** Whether responseTimes() measures anything (HAProxy with STRATO_LB_ACCESS_LOG=off does not). */
  readonly timesRequests: boolean;
  /**
   * Starts the balancer with these pods and servers, or reattaches to one still running from before a
   * manager restart (HAProxy: no restart, at most one reload), and supervises it from then on.
   */
  start(pods: BalancedPod[], servers: Map<string, BalancedServer[]>): Promise<void>;
  /** Stops the balancer: the data path goes down. */
  stop(): Promise<void>;
  /**
   * Stops supervising but leaves the data path serving where it can outlive this process (HAProxy), for a
   * manager restart; the next start() reattaches. The in-process embedded balancer just stops.
   */
  detach(): Promise<void>;
  /** Adds or updates a pod (path + backend); also how the balance algorithm changes. May reload. */
  upsertPod(pod: BalancedPod): Promise<void>;
  removePod(name: string): Promise<void>;
  /** Puts a node into rotation. The caller has already seen the node's own /health answer. */
  addServer(pod: string, server: BalancedServer): Promise<void>;
  /** Takes a node out of rotation: drain (bounded wait for in-flight requests), then delete. */
  removeServer(pod: string, nodeId: string): Promise<void>;
  /** Changes a node's share at runtime, without a reload; kept across reloads and restarts. */
  setWeight(pod: string, nodeId: string, weight: number): Promise<void>;
  /**
   * Changes how many requests every server of the pod gets at once (its job changed), without a reload;
   * requests waiting in the pod's queue are let through at once where the limit grew.
   */
  setMaxConnections(pod: string, maxConnections: number): Promise<void>;
  /** Every server of every pod. */
  status(): Promise<ServerStatus[]>;
  /** Every pod (in creation order) with its servers and totals. */
  podStatus(): Promise<PodStatus[]>;
  /**
   * Percentiles of the response times of the pod's requests that finished in the last `windowMs` (at
   * most a minute), through the balancer; null when none did.
   */
  responseTimes(pod: string, windowMs: number): ResponseTimeSummary | null;
}

export const LOAD_BALANCER = Symbol('LoadBalancer');
