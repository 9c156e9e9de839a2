import type { AgentInfo, AgentNodeView, CreateNodeRequest } from '@strato/contracts';
import { createServer, type Server } from 'node:http';
import type { AgentClient } from '../app/agents/agent-client';

/** An agent whose "nodes" are tiny in-process HTTP servers answering /health. */
export class FakeAgentClient implements AgentClient {
  readonly url = 'http://127.0.0.1:1';
  readonly servers = new Map<string, { server: Server; view: AgentNodeView }>();
  failNext: string | undefined;
  /** What every node's CPU sample says, in % of one core (listNodes with stats). */
  cpuPercent: number | null = null;

  async createNode(request: CreateNodeRequest): Promise<AgentNodeView> {
    if (this.failNext) {
      const reason = this.failNext;
      this.failNext = undefined;
      throw new Error(reason);
    }
    const server = createServer((_req, res) =>
      res.end(JSON.stringify({ status: 'ok', node: request.nodeId })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const view: AgentNodeView = {
      nodeId: request.nodeId,
      pod: request.pod,
      host: '127.0.0.1',
      port,
      state: 'running',
      runtime: 'process',
      limitsEnforced: false,
    };
    this.servers.set(request.nodeId, { server, view });
    return view;
  }

  async removeNode(nodeId: string): Promise<void> {
    const entry = this.servers.get(nodeId);
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

  async info(): Promise<AgentInfo> {
    return { runtime: 'process', cores: 2, memoryBytes: 1, nodes: this.servers.size, freePorts: 100 };
  }

  async close(): Promise<void> {
    await Promise.all([...this.servers.keys()].map((id) => this.removeNode(id)));
  }
}
