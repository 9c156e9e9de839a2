import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AgentInfo, AgentNodeView, CreateNodeRequest } from '@strato/contracts';
import { NodeNotFoundError, type NodeRuntime, type RuntimeNode } from '@strato/runtime';
import { cpus, totalmem } from 'node:os';
import { AGENT_CONFIG, type AgentConfig } from '../config/agent-config';
import { PortAllocator } from '../ports/port-allocator';
import { NodeStatsSampler } from './node-stats-sampler';
import { NODE_RUNTIME } from './node-runtime.provider';

const toView = (node: RuntimeNode): AgentNodeView => ({ ...node });

/** The agent's node operations: a port from the allocator, then the runtime creates and starts the node. */
@Injectable()
export class AgentNodesService implements OnApplicationShutdown {
  private readonly logger = new Logger(AgentNodesService.name);
  private readonly ports: PortAllocator;
  private readonly sampler: NodeStatsSampler;

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    @Inject(NODE_RUNTIME) private readonly runtime: NodeRuntime,
  ) {
    this.ports = new PortAllocator(config.portRange);
    this.sampler = new NodeStatsSampler(runtime);
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

  async list(withStats = false): Promise<AgentNodeView[]> {
    const nodes = (await this.runtime.list()).map(toView);
    if (!withStats) return nodes;
    return Promise.all(
      nodes.map(async (node) => {
        const stats = node.state === 'running' ? await this.sampler.sample(node.nodeId) : undefined;
        return stats ? { ...node, stats } : node;
      }),
    );
  }

  async get(nodeId: string): Promise<AgentNodeView> {
    const node = await this.runtime.inspect(nodeId);
    if (!node) throw new NodeNotFoundError(nodeId);
    const stats = node.state === 'running' ? await this.sampler.sample(nodeId) : undefined;
    return stats ? { ...node, stats } : toView(node);
  }

  async remove(nodeId: string): Promise<void> {
    this.sampler.forget(nodeId);
    await this.runtime.remove(nodeId);
  }

  async stop(nodeId: string): Promise<AgentNodeView> {
    await this.runtime.stop(nodeId);
    return this.get(nodeId);
  }

  async start(nodeId: string): Promise<AgentNodeView> {
    return toView(await this.runtime.start(nodeId));
  }

  async pause(nodeId: string): Promise<AgentNodeView> {
    return toView(await this.runtime.pause(nodeId));
  }

  async resume(nodeId: string): Promise<AgentNodeView> {
    return toView(await this.runtime.resume(nodeId));
  }

  logs(nodeId: string, tail: number): Promise<string> {
    return this.runtime.logs(nodeId, tail);
  }

  async info(): Promise<AgentInfo> {
    const nodes = await this.runtime.list();
    const { first, last } = this.config.portRange;
    const held = new Set(nodes.map((node) => node.port).filter((port) => port >= first && port <= last));
    return {
      runtime: this.runtime.kind,
      cores: cpus().length,
      memoryBytes: totalmem(),
      nodes: nodes.length,
      freePorts: last - first + 1 - held.size,
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
