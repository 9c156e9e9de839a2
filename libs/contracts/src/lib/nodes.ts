/** Node lifecycle, as ARCHITECTURE.md defines it. */
export const NODE_STATUSES = ['NEW', 'STARTING', 'ONLINE', 'DRAINING', 'PAUSED', 'FAILED'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];
