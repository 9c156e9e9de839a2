import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AgentInfo, AgentNodeView, CreateNodeRequest } from '@strato/contracts';
import { type NodeRuntime, type RuntimeNode } from '@strato/runtime';
import { cpus, totalmem } from 'node:os';
import { AGENT_CONFIG, type AgentConfig } from '../config/agent-config';
import { PortAllocator } from '../ports/port-allocator';
import { NODE_RUNTIME } from './node-runtime.provider';

const toView = (node: RuntimeNode): AgentNodeView => ({ ...node });

/** The agent's node operations: a port from the allocator, then the runtime creates and starts the node. */
@Injectable()
export class AgentNodesService implements OnApplicationShutdown {
  private readonly logger = new Logger(AgentNodesService.name);
  private readonly ports: PortAllocator;

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    @Inject(NODE_RUNTIME) private readonly runtime: NodeRuntime,
  ) {
    this.ports = new PortAllocator(config.portRange);
  }

  async create(request: CreateNodeRequest): Promise<AgentNodeView> {
    const inUse = (await this.runtime.list()).map((node) => node.port);
    const port = await this.ports.allocate(inUse);
    try {
      await this.runtime.create({ ...request, port });
      return toView(await this.runtime.start(request.nodeId));
    } catch (error) {
      await this.runtime.remove(request.nodeId).catch(() => undefined);
      throw error;
    } finally {
      this.ports.release(port);
    }
  }

  async list(): Promise<AgentNodeView[]> {
    return (await this.runtime.list()).map(toView);
  }

  remove(nodeId: string): Promise<void> {
    return this.runtime.remove(nodeId);
  }

  logs(nodeId: string, tail: number): Promise<string> {
    return this.runtime.logs(nodeId, tail);
  }

  async info(): Promise<AgentInfo> {
    return {
      runtime: this.runtime.kind,
      cores: cpus().length,
      memoryBytes: totalmem(),
      nodes: (await this.runtime.list()).length,
    };
  }

  /** `npm start` asks for this so that Ctrl-C leaves no node behind. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.config.stopNodesOnExit) return;
    const nodes = await this.runtime.list();
    await Promise.all(
      nodes.map((node) =>
        this.runtime.remove(node.nodeId).catch((error: Error) => this.logger.warn(error.message)),
      ),
    );
    this.logger.log(`removed ${nodes.length} node(s) on exit`);
  }
}
