import {
  AGENT_TOKEN_HEADER,
  type AgentCredentialChange,
  type AgentInfo,
  type AgentJobAttemptView,
  type AgentJobOutputView,
  type AgentNodeView,
  type CreateNodeRequest,
  type StartJobAttemptRequest,
} from '@strato/contracts';
import { AgentUnavailableError, NodeStartFailedError } from '../../errors/domain-errors';
import type { AgentClient } from './agent-client';
import { AgentJobRejectedError } from './agent-job-rejected.error';

/** A create waits for a boot; a read answers in milliseconds unless the host is gone. */
const TIMEOUT_MS = 30_000;
const READ_TIMEOUT_MS = 5_000;

/** Talks to a proxy agent's REST API (`/agent/v1`) with that agent's own credential. */
export class HttpAgentClient implements AgentClient {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  createNode(request: CreateNodeRequest): Promise<AgentNodeView> {
    return this.call<AgentNodeView>('POST', '/agent/v1/nodes', request, request.nodeId);
  }

  async removeNode(nodeId: string, incarnation?: number): Promise<void> {
    const query = incarnation === undefined ? '' : `?incarnation=${incarnation}`;
    // 404: already gone. 409: the agent runs another incarnation of it, which this call must not touch.
    await this.call<unknown>(
      'DELETE',
      `/agent/v1/nodes/${encodeURIComponent(nodeId)}${query}`,
      undefined,
      undefined,
      [404, 409],
    );
  }

  listNodes(withStats = false): Promise<AgentNodeView[]> {
    return this.call<AgentNodeView[]>('GET', withStats ? '/agent/v1/nodes?stats=true' : '/agent/v1/nodes');
  }

  async nodeLogs(nodeId: string, tail: number): Promise<string> {
    const path = `/agent/v1/nodes/${encodeURIComponent(nodeId)}/logs?tail=${tail}`;
    return (await this.call<{ logs: string }>('GET', path)).logs;
  }

  info(): Promise<AgentInfo> {
    return this.call<AgentInfo>('GET', '/agent/v1/info');
  }

  startJobAttempt(nodeId: string, request: StartJobAttemptRequest): Promise<AgentJobAttemptView> {
    return this.call<AgentJobAttemptView>('POST', this.jobsPath(nodeId), request, undefined, [], nodeId);
  }

  listJobAttempts(nodeId: string): Promise<AgentJobAttemptView[]> {
    return this.call<AgentJobAttemptView[]>('GET', this.jobsPath(nodeId), undefined, undefined, [], nodeId);
  }

  async jobAttempt(nodeId: string, attemptId: string): Promise<AgentJobAttemptView | undefined> {
    const path = this.jobsPath(nodeId, attemptId);
    const view = await this.call<AgentJobAttemptView | { statusCode: 404 }>(
      'GET',
      path,
      undefined,
      undefined,
      [404],
    );
    return 'attemptId' in view ? view : undefined;
  }

  jobAttemptOutput(
    nodeId: string,
    attemptId: string,
    stdoutOffset: number,
    stderrOffset: number,
  ): Promise<AgentJobOutputView> {
    const query = `?stdoutOffset=${stdoutOffset}&stderrOffset=${stderrOffset}`;
    return this.call<AgentJobOutputView>(
      'GET',
      `${this.jobsPath(nodeId, attemptId)}/output${query}`,
      undefined,
      undefined,
      [],
      nodeId,
    );
  }

  killJobAttempt(nodeId: string, attemptId: string): Promise<AgentJobAttemptView> {
    return this.call<AgentJobAttemptView>(
      'POST',
      `${this.jobsPath(nodeId, attemptId)}/kill`,
      undefined,
      undefined,
      [],
      nodeId,
    );
  }

  async acknowledgeJobAttempt(nodeId: string, attemptId: string): Promise<void> {
    await this.call<unknown>('DELETE', this.jobsPath(nodeId, attemptId), undefined, undefined, [404]);
  }

  async replaceCredential(change: AgentCredentialChange): Promise<void> {
    await this.call<unknown>('PUT', '/agent/v1/credential', change);
  }

  private jobsPath(nodeId: string, attemptId?: string): string {
    const base = `/agent/v1/nodes/${encodeURIComponent(nodeId)}/jobs`;
    return attemptId === undefined ? base : `${base}/${encodeURIComponent(attemptId)}`;
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    nodeId?: string,
    tolerated: number[] = [],
    jobNodeId?: string,
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.url), {
        method,
        headers: {
          [AGENT_TOKEN_HEADER]: this.token,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(method === 'GET' ? READ_TIMEOUT_MS : TIMEOUT_MS),
      });
    } catch (error) {
      throw new AgentUnavailableError(this.url, (error as Error).message);
    }
    if (response.ok || tolerated.includes(response.status)) {
      return (response.status === 204 ? undefined : await response.json()) as T;
    }
    const text = await response.text();
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not JSON: keep the text
    }
    if (jobNodeId && response.status >= 400 && response.status < 500) {
      throw new AgentJobRejectedError(response.status, jobNodeId, message);
    }
    if (nodeId) throw new NodeStartFailedError(nodeId, `agent answered ${response.status}: ${message}`);
    throw new AgentUnavailableError(this.url, `${response.status}: ${message}`);
  }
}
