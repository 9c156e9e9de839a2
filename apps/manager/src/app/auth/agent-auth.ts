import type { Request } from 'express';

/** How an agent route's caller proved who it is, for the route to act on (a join issues a credential). */
export type AgentAuth = { via: 'join-token' } | { via: 'credential'; agentId: string };

const AGENT_AUTH = Symbol('agentAuth');

type WithAgentAuth = Request & { [AGENT_AUTH]?: AgentAuth };

export function setAgentAuth(request: Request, auth: AgentAuth): void {
  (request as WithAgentAuth)[AGENT_AUTH] = auth;
}

export function agentAuthOf(request: Request): AgentAuth | undefined {
  return (request as WithAgentAuth)[AGENT_AUTH];
}
