import type { RuntimeKind, RuntimeNodeState } from '@strato/contracts';

export interface NodeSpec {
  nodeId: string;
  pod: string;
  port: number;
  cpus: number;
  memoryMiB: number;
}

export interface RuntimeNode {
  nodeId: string;
  pod: string;
  port: number;
  /** The job server listens on host:port; always the loopback address for now. */
  host: string;
  state: RuntimeNodeState;
  runtime: RuntimeKind;
  /** False where the host cannot enforce the node's CPU/memory caps. */
  limitsEnforced: boolean;
}

/** Runs job-server nodes on one host. Every method is safe to call from a fresh instance: state is found again. */
export interface NodeRuntime {
  readonly kind: RuntimeKind;
  /** Created, not started. Throws NodeAlreadyExistsError if the id exists. */
  create(spec: NodeSpec): Promise<RuntimeNode>;
  start(nodeId: string): Promise<RuntimeNode>;
  /** SIGTERM, then kill after timeoutMs (default 5000). A node that is not running is left as it is. */
  stop(nodeId: string, timeoutMs?: number): Promise<void>;
  /** Stops the node first if it runs. Throws NodeNotFoundError if unknown. */
  remove(nodeId: string): Promise<void>;
  inspect(nodeId: string): Promise<RuntimeNode | undefined>;
  /** Only this cloud's nodes. */
  list(): Promise<RuntimeNode[]>;
  /** The last tailLines (default 100) lines of stdout and stderr. */
  logs(nodeId: string, tailLines?: number): Promise<string>;
}

export const NODE_IMAGE = 'strato-node:latest';
export const NODE_HOST = '127.0.0.1';
export const DEFAULT_STOP_TIMEOUT_MS = 5_000;
export const DEFAULT_LOG_TAIL_LINES = 100;
