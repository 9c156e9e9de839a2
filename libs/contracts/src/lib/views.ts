import type { PodJob } from './data-path';
import type { NodeStatus } from './nodes';
import type { BalanceAlgorithm, PodState } from './pods';
import type { PodPlacement } from './placement';

/** A pod as the manager's API shows it (`GET /api/v1/pods`). */
export interface PodView {
  name: string;
  cpus: number;
  memoryMiB: number;
  maxNodes: number;
  state: PodState;
  algorithm: BalanceAlgorithm;
  /** What `GET /<name>` runs on the pod's nodes: the owner's setting. */
  job: PodJob;
  /** Path on the load balancer that reaches this pod's nodes, e.g. `/light`. */
  path: string;
  nodeCounts: Record<NodeStatus, number>;
  /** Which hosts its new nodes go to. */
  placement: PodPlacement;
  createdAt: string;
}

/**
 * Whether a node runs within its pod's CPU/memory caps, as its host reported at launch and the reconciler
 * reads since; `enforced` is null while unknown (never launched, or its agent did not say).
 */
export interface NodeLimitsView {
  enforced: boolean | null;
  /** Why the caps are not enforced (no writable cgroup, engine warnings); null otherwise. */
  reason: string | null;
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
  limits: NodeLimitsView;
  createdAt: string;
  updatedAt: string;
}
