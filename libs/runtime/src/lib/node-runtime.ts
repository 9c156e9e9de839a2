import type { NodeLimits, RuntimeKind, RuntimeNodeState, ScriptInterpreter } from '@strato/contracts';
import type { NodeJobRunner } from './jobs/node-job';
import type { NodeStats } from './node-stats';
import type { RuntimeEventListener, Unsubscribe } from './runtime-event';

export interface NodeSpec {
  nodeId: string;
  /** Which launch of the node this is (1, 2, …); stored with the node and carried in its exit event. */
  incarnation: number;
  pod: string;
  port: number;
  cpus: number;
  memoryMiB: number;
  /**
   * A higher CPU cap while the node boots (a startup boost: a 0.3-CPU cap triples a boot), until
   * applyCpuCap puts `cpus` in force. Absent or not above `cpus`: the node boots under its cap.
   */
  bootCpus?: number;
  /**
   * The address the node's job server listens on and is reached at (the host's address on the network the
   * load balancer is on); default NODE_HOST, the loopback of a single-host cloud.
   */
  host?: string;
}

export interface RuntimeNode {
  nodeId: string;
  /** Null for a node created before incarnations were recorded. */
  incarnation: number | null;
  pod: string;
  port: number;
  /** The job server listens on host:port (NodeSpec.host, loopback by default). */
  host: string;
  state: RuntimeNodeState;
  runtime: RuntimeKind;
  /** Whether the node runs within its CPU/memory caps; where it does not (no writable cgroup, engine warnings), why. */
  limits: NodeLimits;
}

/** What a runtime's nodes can be given in all: one host's, or the sum over a swarm's hosts. */
export interface RuntimeCapacity {
  cores: number;
  memoryBytes: number;
  /** The hosts the runtime places nodes on (ready and available, for a swarm). */
  hosts: number;
}

/** Runs job-server nodes on one host. Every method is safe to call from a fresh instance: state is found again. */
export interface NodeRuntime extends NodeJobRunner {
  readonly kind: RuntimeKind;
  /** Created, not started. Throws NodeAlreadyExistsError if the id exists. */
  create(spec: NodeSpec): Promise<RuntimeNode>;
  start(nodeId: string): Promise<RuntimeNode>;
  /**
   * Ends a boot boost: the node's own CPU cap (`cpus` of its spec) in force from now on, also across
   * restarts. Idempotent; a node without a boost, or on a host that cannot cap, is left as it is.
   */
  applyCpuCap(nodeId: string): Promise<void>;
  /** SIGTERM, then kill after timeoutMs (default 5000). A node that is not running is left as it is. */
  stop(nodeId: string, timeoutMs?: number): Promise<void>;
  /** Stops the node first if it runs. Throws NodeNotFoundError if unknown. */
  remove(nodeId: string): Promise<void>;
  inspect(nodeId: string): Promise<RuntimeNode | undefined>;
  /** Only this cloud's nodes. */
  list(): Promise<RuntimeNode[]>;
  /** Whether a node started now gets its CPU/memory caps on this host, and if not, why. */
  hostLimits(): Promise<NodeLimits>;
  /** Asked each time: a swarm gains and loses hosts. RuntimeUnavailableError when the engine cannot tell. */
  capacity(): Promise<RuntimeCapacity>;
  /**
   * The script interpreters this runtime's nodes have, in SCRIPT_INTERPRETERS order: what a script job may
   * name. Found without starting a node; RuntimeUnavailableError when the runtime cannot tell.
   */
  interpreters(): Promise<ScriptInterpreter[]>;
  /** The last tailLines (default 100) lines of stdout and stderr. */
  logs(nodeId: string, tailLines?: number): Promise<string>;
  /**
   * Freezes every process of the node: it keeps its memory and its port, but answers nothing (TCP connects
   * still succeed, so take it out of the load balancer first). Idempotent; NodeNotRunningError unless
   * running or paused.
   */
  pause(nodeId: string): Promise<RuntimeNode>;
  /** Thaws a paused node; a running node is left as it is. NodeNotRunningError unless running or paused. */
  resume(nodeId: string): Promise<RuntimeNode>;
  /**
   * One sample from the node's cgroup files: milliseconds, never the engine's 1–2 s stats call.
   * NodeNotRunningError unless running or paused.
   */
  stats(nodeId: string): Promise<NodeStats>;
  /**
   * Calls listener for every exit (and OOM kill) of this cloud's nodes, whoever started them, until the
   * returned function is called. The runtime watches only while someone is subscribed; events are not replayed.
   * A listener rather than an AsyncIterable: every consumer (reconciler, SSE) gets every event, and nothing
   * buffers for a slow or abandoned iterator.
   */
  subscribe(listener: RuntimeEventListener): Unsubscribe;
}

export const NODE_IMAGE = 'strato-node:latest';
export const NODE_HOST = '127.0.0.1';
export const DEFAULT_STOP_TIMEOUT_MS = 5_000;
export const DEFAULT_LOG_TAIL_LINES = 100;
