/** Node lifecycle, as ARCHITECTURE.md defines it. */
/** UNKNOWN: its agent has not been heard from for STRATO_AGENT_TIMEOUT_MS; out of the load balancer meanwhile. */
export const NODE_STATUSES = [
  'NEW',
  'STARTING',
  'ONLINE',
  'DRAINING',
  'PAUSED',
  'FAILED',
  'UNKNOWN',
] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];
