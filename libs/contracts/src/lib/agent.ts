import type { ScriptInterpreter } from './batch-job';

/** Wire types between the manager and a per-host proxy agent (`/agent/v1`). */

export const AGENT_TOKEN_HEADER = 'x-strato-agent-token';

export type RuntimeKind = 'process' | 'docker' | 'swarm';

export interface CreateNodeRequest {
  nodeId: string;
  /**
   * Which launch of the node this is (1, 2, …): the agent labels the node with it and carries it in every
   * report, so a report about an earlier run can never touch a later one. Creating the same node and
   * incarnation twice answers the existing node; another incarnation of a running node is a 409.
   */
  incarnation: number;
  pod: string;
  cpus: number;
  memoryMiB: number;
}

/** What a runtime reports about one node it runs. */
export type RuntimeNodeState = 'created' | 'running' | 'paused' | 'exited';

/** Whether a node's CPU and memory caps are applied by the host; when they are not, why. */
export interface NodeLimits {
  enforced: boolean;
  /** Why the caps are not (fully) applied, e.g. "cgroup /sys/fs/cgroup/x is not writable (EACCES)"; null if enforced. */
  reason: string | null;
}

export interface AgentNodeView {
  nodeId: string;
  /** The launch this runtime node belongs to; null for a node started without one (before incarnations). */
  incarnation: number | null;
  pod: string;
  /** The node's job server listens on 127.0.0.1:port. */
  host: string;
  port: number;
  state: RuntimeNodeState;
  runtime: RuntimeKind;
  /** Whether the node runs within its CPU/memory caps; not enforced (no cgroup access, engine warnings) with why. */
  limits: NodeLimits;
  /** Present when asked for (`?stats=true`) and the node runs. */
  stats?: NodeStatsView;
}

export interface AgentInfo {
  runtime: RuntimeKind;
  cores: number;
  memoryBytes: number;
  nodes: number;
  /** Node ports of the agent's range not held by one of its nodes. */
  freePorts: number;
  /** Whether nodes started on this host now get their CPU/memory caps, and why not. */
  limits: NodeLimits;
  /** The script interpreters this host's nodes have, in SCRIPT_INTERPRETERS order; null: cannot tell. */
  interpreters: ScriptInterpreter[] | null;
}

/** An agent announces itself to the manager (`POST /api/v1/agents`, agent token). */
export interface AgentRegistration {
  id: string;
  /** Where the manager reaches this agent, e.g. http://127.0.0.1:8081 */
  url: string;
  runtime: RuntimeKind;
  cores: number;
  memoryBytes: number;
  /**
   * The script interpreters its nodes have; absent when unknown (an agent older than this field, or one
   * whose runtime could not tell).
   */
  interpreters?: ScriptInterpreter[];
  /** The owner's labels for the host (zone=a…), which a pod's placement may ask for; absent: none. */
  labels?: Record<string, string>;
  /** How many node ports the agent's range has: at most that many nodes on the host; absent: no limit known. */
  nodePorts?: number;
  /** The address the host's nodes listen on and are reached at; absent: an agent older than this field. */
  nodeAddress?: string;
}

/**
 * The manager's answer to a registration: the agent's own credential, which it sends (in the agent header)
 * on every later call and is called with. A join (with the join token) gets a new one; a registration with
 * the credential gets the same one back.
 */
export interface AgentRegistrationAnswer {
  id: string;
  credential: string;
}

/**
 * A rotation (`PUT /agent/v1/credential`, called with the agent's current credential): the agent takes
 * `credential` for every call from now on and accepts the one it replaces for `previousValidForMs` more.
 */
export interface AgentCredentialChange {
  credential: string;
  previousValidForMs: number;
}

/** What an agent reports as it happens (`POST /api/v1/agents/:id/events`). */
export interface NodeExitReport {
  type: 'exited';
  nodeId: string;
  /** The incarnation that exited; the manager ignores a report about an earlier one. */
  incarnation: number | null;
  pod: string;
  exitCode: number | null;
  signal: string | null;
  oomKilled: boolean;
  at: number;
}

/** One node's resource use as its agent sampled it. */
export interface NodeStatsView {
  at: number;
  /** CPU used since the previous sample, in % of one core (30 = 0.3 CPU); null on the first sample. */
  cpuPercent: number | null;
  /** CPU time the node used since it (re)started, in seconds; cumulative, so two readings give the use between them. */
  cpuSeconds: number;
  cpuQuotaCpus: number | null;
  memoryBytes: number;
  memoryLimitBytes: number | null;
  throttledPeriods: number;
  totalPeriods: number;
}
