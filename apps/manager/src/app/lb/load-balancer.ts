import type { BalanceAlgorithm } from '@strato/contracts';

/** One pod as the load balancer sees it: a path (`/<name>`) routed to one backend. */
export interface BalancedPod {
  name: string;
  algorithm: BalanceAlgorithm;
  paused: boolean;
}

/** One node serving a pod: its job server on host:port. */
export interface BalancedServer {
  nodeId: string;
  host: string;
  port: number;
  weight: number;
}

export type ServerHealth = 'up' | 'down' | 'draining' | 'maint';

export interface ServerStatus extends BalancedServer {
  pod: string;
  health: ServerHealth;
  currentSessions: number;
  totalRequests: number;
}

/**
 * The load balancer port (data path). Adapters: HaproxyLoadBalancer (HAProxy 2.6 through its runtime
 * API) and EmbeddedLoadBalancer (in-process, the zero-install default). Both answer 503 with a JSON body
 * for a paused pod or a pod with no server, and 404 with a JSON body for an unknown path.
 */
export interface LoadBalancer {
  readonly kind: 'haproxy' | 'embedded';
  /** Where end users send requests, e.g. http://127.0.0.1:8000 */
  readonly url: string;
  /** Starts (or reattaches to) the balancer with these pods and servers. */
  start(pods: BalancedPod[], servers: Map<string, BalancedServer[]>): Promise<void>;
  stop(): Promise<void>;
  /** Adds or updates a pod (path + backend); structural, may reload. */
  upsertPod(pod: BalancedPod): Promise<void>;
  removePod(name: string): Promise<void>;
  /** Puts a node into rotation. The caller has already seen the node's own /health answer. */
  addServer(pod: string, server: BalancedServer): Promise<void>;
  /** Takes a node out of rotation: drain (bounded wait for in-flight requests), then delete. */
  removeServer(pod: string, nodeId: string): Promise<void>;
  status(): Promise<ServerStatus[]>;
}

export const LOAD_BALANCER = Symbol('LoadBalancer');
