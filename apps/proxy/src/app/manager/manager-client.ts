import {
  AGENT_TOKEN_HEADER,
  type AgentRegistration,
  type AgentRegistrationAnswer,
  type NodeExitReport,
} from '@strato/contracts';

/** `path` under the manager's URL, keeping a path prefix it has (a manager behind `https://edge/strato`). */
export function managerUrl(baseUrl: string, path: string): URL {
  const base = new URL(baseUrl);
  base.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  return base;
}

export class ManagerCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The agent's calls to the manager (`/api/v1/agents`): a join with the join token, everything else with the
 * agent's own credential. `token()` answers which, at the moment of each call.
 */
export class ManagerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: () => string,
  ) {}

  register(registration: AgentRegistration): Promise<AgentRegistrationAnswer> {
    return this.post<AgentRegistrationAnswer>('/api/v1/agents', registration);
  }

  async heartbeat(agentId: string): Promise<void> {
    await this.post(`/api/v1/agents/${encodeURIComponent(agentId)}/heartbeat`);
  }

  async reportExits(agentId: string, events: NodeExitReport[]): Promise<void> {
    await this.post(`/api/v1/agents/${encodeURIComponent(agentId)}/events`, { events });
  }

  private async post<T = unknown>(path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(managerUrl(this.baseUrl, path), {
        method: 'POST',
        headers: { [AGENT_TOKEN_HEADER]: this.token(), 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      const why = `${(error as Error).message}${code ? ` (${code})` : ''}`;
      throw new ManagerCallError(0, `manager at ${this.baseUrl} unreachable: ${why}`);
    }
    if (!response.ok)
      throw new ManagerCallError(
        response.status,
        `manager answered ${response.status} to ${path}: ${await response.text()}`,
      );
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}
