/**
 * A node's process or container ended, for any reason (crash, OOM kill, external kill, or our own stop).
 * exitCode follows the shell: 128 + n when killed by signal n. An adapter that did not start the node itself
 * may not know the status: then both are null, unless the kernel's OOM counter shows the kill.
 */
export interface NodeExitedEvent {
  type: 'exited';
  nodeId: string;
  /** The launch that ended, as the node was created with; null for a node created without one. */
  incarnation: number | null;
  pod: string;
  exitCode: number | null;
  signal: string | null;
  oomKilled: boolean;
  /** ms since the epoch */
  at: number;
}

/** The kernel's OOM killer fired in the node's memory cgroup; advisory, the `exited` event that follows is authoritative. */
export interface NodeOomEvent {
  type: 'oom';
  nodeId: string;
  pod: string;
  at: number;
}

export type RuntimeEvent = NodeExitedEvent | NodeOomEvent;

export type RuntimeEventListener = (event: RuntimeEvent) => void;

/** Stops the delivery to one listener; calling it twice is harmless. */
export type Unsubscribe = () => void;

/** Where adapters report trouble in their background loops (a Nest Logger fits). */
export interface RuntimeLogger {
  warn(message: string): void;
  log?(message: string): void;
}
