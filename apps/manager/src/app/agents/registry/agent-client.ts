import type {
  AgentCredentialChange,
  AgentInfo,
  AgentJobAttemptView,
  AgentJobOutputView,
  AgentNodeView,
  CreateNodeRequest,
  StartJobAttemptRequest,
} from '@strato/contracts';

/** The manager's view of one proxy agent (control path). */
export interface AgentClient {
  readonly url: string;
  createNode(request: CreateNodeRequest): Promise<AgentNodeView>;
  /**
   * With an incarnation, removes only that launch of the node: another one is left alone (a stale
   * cleanup must not kill a later launch; an earlier leftover is the orphan sweeper's).
   */
  removeNode(nodeId: string, incarnation?: number): Promise<void>;
  /** With stats: each running node's cgroup sample (CPU as % of one core since the previous call). */
  listNodes(withStats?: boolean): Promise<AgentNodeView[]>;
  nodeLogs(nodeId: string, tail: number): Promise<string>;
  info(): Promise<AgentInfo>;
  /** Starts a batch-job attempt inside the node; the same attemptId again answers the attempt it started. */
  startJobAttempt(nodeId: string, request: StartJobAttemptRequest): Promise<AgentJobAttemptView>;
  /** Every attempt the agent still keeps for the node, running or ended and not yet acknowledged. */
  listJobAttempts(nodeId: string): Promise<AgentJobAttemptView[]>;
  /** Undefined when the agent does not know it (acknowledged, or lost in an agent restart: NodeLost). */
  jobAttempt(nodeId: string, attemptId: string): Promise<AgentJobAttemptView | undefined>;
  /** Output from the given byte offsets of stdout and stderr. */
  jobAttemptOutput(
    nodeId: string,
    attemptId: string,
    stdoutOffset: number,
    stderrOffset: number,
  ): Promise<AgentJobOutputView>;
  /** Kills the attempt's whole process tree; answers its final state. Idempotent. */
  killJobAttempt(nodeId: string, attemptId: string): Promise<AgentJobAttemptView>;
  /** The final state and all output are stored: the agent forgets the attempt (unknown: nothing to do). */
  acknowledgeJobAttempt(nodeId: string, attemptId: string): Promise<void>;
  /** Gives the agent its next credential (this client still calls with the current one). */
  replaceCredential(change: AgentCredentialChange): Promise<void>;
}

export type AgentClientFactory = (url: string, token: string) => AgentClient;

export const AGENT_CLIENT_FACTORY = Symbol('AgentClientFactory');
