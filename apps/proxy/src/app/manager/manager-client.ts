import { AGENT_TOKEN_HEADER, type AgentRegistration, type NodeExitReport } from '@strato/contracts';

export class ManagerCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The agent's calls to the manager (`/api/v1/agents`), with the agent token. */
export class ManagerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async register(registration: AgentRegistration): Promise<void> {
    await this.post('/api/v1/agents', registration);
  }

  async heartbeat(agentId: string): Promise<void> {
    await this.post(`/api/v1/agents/${encodeURIComponent(agentId)}/heartbeat`);
  }

  async reportExits(agentId: string, events: NodeExitReport[]): Promise<void> {
    await this.post(`/api/v1/agents/${encodeURIComponent(agentId)}/events`, { events });
  }

  private async post(path: string, body?: unknown): Promise<void> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method: 'POST',
        headers: { [AGENT_TOKEN_HEADER]: this.token, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      throw new ManagerCallError(0, `manager at ${this.baseUrl} unreachable: ${(error as Error).message}`);
    }
    if (!response.ok)
      throw new ManagerCallError(
        response.status,
        `manager answered ${response.status} to ${path}: ${await response.text()}`,
      );
  }
}
