import type { NodeStatus } from '@strato/contracts';

/**
 * The node lifecycle (docs/architecture.md). A launch always starts a new incarnation in STARTING; a
 * node leaves the store from NEW, STARTING (a launch undone), STANDBY, DRAINING or FAILED, never while it
 * serves. A warm node's launch ends in STANDBY (ready, out of the load balancer); a scale-out promotes it.
 */
export const NODE_TRANSITIONS: Readonly<Record<NodeStatus, readonly NodeStatus[]>> = {
  NEW: ['STARTING'],
  // STARTING -> STARTING: a launch a crash interrupted is started again as a new incarnation.
  STARTING: ['ONLINE', 'PAUSED', 'STANDBY', 'FAILED', 'STARTING'],
  STANDBY: ['ONLINE', 'PAUSED', 'FAILED', 'STARTING'],
  ONLINE: ['PAUSED', 'DRAINING', 'FAILED', 'STARTING', 'UNKNOWN'],
  PAUSED: ['ONLINE', 'DRAINING', 'FAILED', 'STARTING', 'UNKNOWN'],
  DRAINING: [],
  FAILED: ['STARTING', 'DRAINING'],
  // Its agent went silent: back to serving when it returns with the node, started again when without.
  UNKNOWN: ['ONLINE', 'PAUSED', 'FAILED', 'STARTING', 'DRAINING'],
};

/** Statuses a node may be deleted from, once its load-balancer server and runtime node are gone. */
export const DELETABLE: ReadonlySet<NodeStatus> = new Set([
  'NEW',
  'STARTING',
  'STANDBY',
  'DRAINING',
  'FAILED',
]);

export function canMove(from: NodeStatus, to: NodeStatus): boolean {
  return NODE_TRANSITIONS[from].includes(to);
}
