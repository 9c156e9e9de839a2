import {
  type AgentCredentialChange,
  type AgentInfo,
  type AgentJobAttemptView,
  type AgentJobOutputView,
  type AgentNodeView,
  type CreateNodeRequest,
  type NodeLimits,
  SCRIPT_INTERPRETERS,
  type StartJobAttemptRequest,
} from '@strato/contracts';
import { createServer, type Server } from 'node:http';
import type { AgentClient } from '../app/agents/registry/agent-client';
import { AgentUnavailableError } from '../app/errors/domain-errors';

/**
 * An agent whose "nodes" are tiny in-process HTTP servers answering /health. Like the real agent, create and
 * remove are keyed by incarnation: the same launch created twice is one node, another launch's node is refused.
 */
export class FakeAgentClient implements AgentClient {
  readonly url = 'http://127.0.0.1:1';
  readonly servers = new Map<string, { server: Server; view: AgentNodeView }>();
  failNext: string | undefined;
  /** What every node's CPU sample says, in % of one core (listNodes with stats). */
  cpuPercent: number | null = null;
  /** What every node's cumulative CPU time says, in seconds. */
  cpuSeconds = 0;
  /** What this host says about the caps of the nodes it creates from now on. */
  limits: NodeLimits = { enforced: true, reason: null };

  async createNode(request: CreateNodeRequest): Promise<AgentNodeView> {
    if (this.failNext) {
      const reason = this.failNext;
      this.failNext = undefined;
      throw new Error(reason);
    }
    const existing = this.servers.get(request.nodeId)?.view;
    if (existing) {
      if (existing.incarnation === request.incarnation) return existing;
      throw new Error(
        `node ${request.nodeId} already exists on this host as incarnation ${existing.incarnation} (running); remove it first`,
      );
    }
    const server = createServer((_req, res) =>
      res.end(JSON.stringify({ status: 'ok', node: request.nodeId })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    if (this.servers.has(request.nodeId)) {
      // A concurrent create of the same id won while this one listened: answer as the agent's lock would.
      await new Promise((resolve) => server.close(resolve));
      return this.createNode(request);
    }
    const port = (server.address() as { port: number }).port;
    const view: AgentNodeView = {
      nodeId: request.nodeId,
      incarnation: request.incarnation,
      pod: request.pod,
      host: '127.0.0.1',
      port,
      state: 'running',
      runtime: 'process',
      limits: this.limits,
    };
    this.servers.set(request.nodeId, { server, view });
    return view;
  }

  /** With an incarnation, leaves another launch of the node alone (as HttpAgentClient does with the agent's 409). */
  async removeNode(nodeId: string, incarnation?: number): Promise<void> {
    const entry = this.servers.get(nodeId);
    if (entry && incarnation !== undefined && entry.view.incarnation !== incarnation) return;
    this.servers.delete(nodeId);
    if (entry) await new Promise((resolve) => entry.server.close(resolve));
  }

  async listNodes(withStats = false): Promise<AgentNodeView[]> {
    const views = [...this.servers.values()].map((entry) => entry.view);
    if (!withStats) return views;
    return views.map((view) => ({
      ...view,
      stats: {
        at: Date.now(),
        cpuPercent: this.cpuPercent,
        cpuSeconds: this.cpuSeconds,
        cpuQuotaCpus: null,
        memoryBytes: 1,
        memoryLimitBytes: null,
        throttledPeriods: 0,
        totalPeriods: 0,
      },
    }));
  }

  async nodeLogs(nodeId: string): Promise<string> {
    return `job server ${nodeId} started\n`;
  }

  /** What the manager calls this agent with (the registry makes a client per credential). */
  credential = '';

  calledWith(credential: string): this {
    this.credential = credential;
    return this;
  }

  /** The credentials the manager handed over, in order; `refuseCredentials` makes the next hand-over fail. */
  readonly credentials: AgentCredentialChange[] = [];
  refuseCredentials = false;
  /** Runs while the manager hands a credential over, before this agent has it. */
  whileHandingOver: (() => void) | undefined;

  async replaceCredential(change: AgentCredentialChange): Promise<void> {
    if (this.refuseCredentials) throw new AgentUnavailableError(this.url, 'it refused the credential');
    this.whileHandingOver?.();
    this.credentials.push(change);
  }

  async info(): Promise<AgentInfo> {
    return {
      runtime: 'process',
      cores: 2,
      memoryBytes: 1,
      nodes: this.servers.size,
      freePorts: 100,
      limits: this.limits,
      interpreters: [...SCRIPT_INTERPRETERS],
    };
  }

  /** Batch-job attempts by id, with what they printed; a test ends one with finishJobAttempt. */
  readonly jobAttempts = new Map<string, { view: AgentJobAttemptView; stdout: string; stderr: string }>();

  async startJobAttempt(nodeId: string, request: StartJobAttemptRequest): Promise<AgentJobAttemptView> {
    const existing = this.jobAttempts.get(request.attemptId);
    if (existing) return existing.view;
    if (!this.servers.has(nodeId)) throw new Error(`node ${nodeId} is not running: cannot run a job on it`);
    const view: AgentJobAttemptView = {
      attemptId: request.attemptId,
      jobId: request.jobId,
      nodeId,
      state: 'running',
      startedAt: Date.now(),
      finishedAt: null,
      durationMs: null,
      exitCode: null,
      signal: null,
      oomKilled: false,
      timedOut: false,
      killed: false,
      stdoutBytes: 0,
      stderrBytes: 0,
      truncated: false,
    };
    this.jobAttempts.set(request.attemptId, { view, stdout: '', stderr: '' });
    return view;
  }

  /** Ends a running attempt as its process would, with what it printed. */
  finishJobAttempt(
    attemptId: string,
    end: Partial<Pick<AgentJobAttemptView, 'exitCode' | 'signal' | 'oomKilled' | 'timedOut' | 'killed'>> = {},
    output: { stdout?: string; stderr?: string } = {},
  ): void {
    const entry = this.jobAttempts.get(attemptId);
    if (!entry || entry.view.state === 'exited') return;
    entry.stdout += output.stdout ?? '';
    entry.stderr += output.stderr ?? '';
    const finishedAt = Date.now();
    entry.view = {
      ...entry.view,
      exitCode: 0,
      ...end,
      state: 'exited',
      finishedAt,
      durationMs: finishedAt - entry.view.startedAt,
      stdoutBytes: Buffer.byteLength(entry.stdout),
      stderrBytes: Buffer.byteLength(entry.stderr),
    };
  }

  async listJobAttempts(nodeId: string): Promise<AgentJobAttemptView[]> {
    return [...this.jobAttempts.values()].map((entry) => entry.view).filter((view) => view.nodeId === nodeId);
  }

  async jobAttempt(nodeId: string, attemptId: string): Promise<AgentJobAttemptView | undefined> {
    const view = this.jobAttempts.get(attemptId)?.view;
    return view?.nodeId === nodeId ? view : undefined;
  }

  async jobAttemptOutput(
    nodeId: string,
    attemptId: string,
    stdoutOffset: number,
    stderrOffset: number,
  ): Promise<AgentJobOutputView> {
    const entry = this.jobAttempts.get(attemptId);
    if (!entry || entry.view.nodeId !== nodeId)
      throw new Error(`no job attempt ${attemptId} on node ${nodeId}`);
    const chunk = (text: string, offset: number) => {
      const bytes = Buffer.from(text);
      return { offset, nextOffset: bytes.length, data: bytes.subarray(offset).toString('utf8') };
    };
    return {
      stdout: chunk(entry.stdout, stdoutOffset),
      stderr: chunk(entry.stderr, stderrOffset),
      complete: entry.view.state === 'exited',
    };
  }

  async killJobAttempt(nodeId: string, attemptId: string): Promise<AgentJobAttemptView> {
    const entry = this.jobAttempts.get(attemptId);
    if (!entry || entry.view.nodeId !== nodeId)
      throw new Error(`no job attempt ${attemptId} on node ${nodeId}`);
    this.finishJobAttempt(attemptId, { exitCode: null, signal: 'SIGTERM', killed: true });
    return entry.view;
  }

  async acknowledgeJobAttempt(_nodeId: string, attemptId: string): Promise<void> {
    this.jobAttempts.delete(attemptId);
  }

  async close(): Promise<void> {
    await Promise.all([...this.servers.keys()].map((id) => this.removeNode(id)));
  }
}
