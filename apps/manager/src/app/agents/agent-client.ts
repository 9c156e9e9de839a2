import type { AgentInfo, AgentNodeView, CreateNodeRequest } from '@strato/contracts';

/** The manager's view of one proxy agent (control path). */
export interface AgentClient {
  readonly url: string;
  createNode(request: CreateNodeRequest): Promise<AgentNodeView>;
  removeNode(nodeId: string): Promise<void>;
  listNodes(): Promise<AgentNodeView[]>;
  info(): Promise<AgentInfo>;
}

export const AGENT_CLIENT = Symbol('AgentClient');
