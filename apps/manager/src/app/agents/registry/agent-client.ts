import type { AgentInfo, AgentNodeView, CreateNodeRequest } from '@strato/contracts';

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
}

export type AgentClientFactory = (url: string, token: string) => AgentClient;

export const AGENT_CLIENT_FACTORY = Symbol('AgentClientFactory');
