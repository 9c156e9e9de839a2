import type { NodeStatus } from './nodes';
import type { BalanceAlgorithm, PodState } from './pods';

/** A pod as the manager's API shows it (`GET /api/v1/pods`). */
export interface PodView {
  name: string;
  cpus: number;
  memoryMiB: number;
  maxNodes: number;
  state: PodState;
  algorithm: BalanceAlgorithm;
  /** Path on the load balancer that reaches this pod's nodes, e.g. `/light`. */
  path: string;
  nodeCounts: Record<NodeStatus, number>;
  createdAt: string;
}

/** A node as the manager's API shows it (`GET /api/v1/nodes`). */
export interface NodeView {
  name: string;
  pod: string;
  status: NodeStatus;
  /** How many times the node was launched; each launch is a new incarnation (0: never launched). */
  incarnation: number;
  /** Why the node is FAILED (exit code, OOM, failed health), or null. */
  reason: string | null;
  /** The agent (host) running the node, once launched. */
  agent: string | null;
  host: string | null;
  port: number | null;
  /** Load-balancer weight, 0..256 (0: no new requests). */
  weight: number;
  createdAt: string;
  updatedAt: string;
}
