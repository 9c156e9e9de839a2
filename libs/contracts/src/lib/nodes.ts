/** Node lifecycle, as ARCHITECTURE.md defines it. */
/** UNKNOWN: its agent has not been heard from for STRATO_AGENT_TIMEOUT_MS; out of the load balancer meanwhile. */
/** STANDBY: a warm node (elasticity `warmNodes`): running and ready, out of the load balancer until a scale-out. */
export const NODE_STATUSES = [
  'NEW',
  'STARTING',
  'STANDBY',
  'ONLINE',
  'DRAINING',
  'PAUSED',
  'FAILED',
  'UNKNOWN',
] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];
