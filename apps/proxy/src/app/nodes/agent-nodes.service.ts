import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AgentInfo, AgentNodeView, CreateNodeRequest } from '@strato/contracts';
import {
  NodeAlreadyExistsError,
  NodeNotFoundError,
  type NodeRuntime,
  type RuntimeNode,
} from '@strato/runtime';
import { KeyedLock } from '@strato/sync';
import { cpus } from 'node:os';
import { AGENT_CONFIG, type AgentConfig } from '../config/agent-config';
import { isPortFree, PortAllocator } from '../ports/port-allocator';
import { AgentCapacity } from './agent-capacity';
import { bootCpusFor, waitUntilReady } from './boot-boost';
import { IncarnationMismatchError } from './incarnation-mismatch.error';
import { NodeStatsSampler } from './node-stats-sampler';
import { NODE_RUNTIME } from './node-runtime.provider';

const toView = (node: RuntimeNode): AgentNodeView => ({ ...node });

/**
 * The agent's node operations: a port from the allocator, then the runtime creates and starts the node.
 * Create and remove are keyed by node id and incarnation, so a retried create answers the node it made and a
 * late call about an earlier launch never touches a later one. A node boots with the agent's boot CPUs
 * (a startup boost) and gets its own cap once it answers ready, before create answers: no request ever
 * reaches it uncapped.
 */
@Injectable()
export class AgentNodesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AgentNodesService.name);
  private readonly ports: PortAllocator;
  private readonly sampler: NodeStatsSampler;
  // Create and remove check, then act: one at a time per node, so a retry racing its original sees its node.
  private readonly lock = new KeyedLock();

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    @Inject(NODE_RUNTIME) private readonly runtime: NodeRuntime,
    private readonly capacity: AgentCapacity,
  ) {
    this.ports = new PortAllocator(config.portRange, (port) => isPortFree(port, config.nodeAddress));
    this.sampler = new NodeStatsSampler(runtime);
  }

  /** A boost left by an agent that died while a node booted ends now (the node's lock orders it with creates). */
  onApplicationBootstrap(): void {
    void this.runtime
      .list()
      .then((nodes) =>
        Promise.all(
          nodes.map((node) =>
            this.lock
              .run(node.nodeId, () => this.runtime.applyCpuCap(node.nodeId))
              .catch((error: Error) =>
                this.logger.warn(`node ${node.nodeId}: could not apply its CPU cap: ${error.message}`),
              ),
          ),
        ),
      )
      .catch((error: Error) => this.logger.warn(`applying CPU caps at start: ${error.message}`));
  }

  create(request: CreateNodeRequest): Promise<AgentNodeView> {
    return this.lock.run(request.nodeId, async () => {
      const existing = await this.runtime.inspect(request.nodeId);
      return existing ? this.answerExisting(existing, request.incarnation) : this.createAndStart(request);
    });
  }

  /** The same launch asked again gets its node (started if only created; an exited one as it is). */
  private async answerExisting(node: RuntimeNode, incarnation: number): Promise<AgentNodeView> {
    if (node.incarnation !== incarnation) throw new NodeAlreadyExistsError(node.nodeId, { existing: node });
    return toView(node.state === 'created' ? await this.startAndCap(node.nodeId) : node);
  }

  /** Starts the node; once it is ready (or has had its boost's time), its own CPU cap applies. */
  private async startAndCap(nodeId: string): Promise<RuntimeNode> {
    const node = await this.runtime.start(nodeId);
    if (this.config.bootCpus > 0) {
      await waitUntilReady(`http://${node.host}:${node.port}/ready`, nodeId);
      await this.runtime.applyCpuCap(nodeId);
    }
    return node;
  }

  private async createAndStart(request: CreateNodeRequest): Promise<AgentNodeView> {
    const inUse = (await this.runtime.list()).map((node) => node.port);
    const port = await this.ports.allocate(inUse);
    const bootCpus = bootCpusFor(this.config.bootCpus, request.cpus, cpus().length);
    try {
      await this.runtime.create({
        ...request,
        port,
        host: this.config.nodeAddress,
        ...(bootCpus === undefined ? {} : { bootCpus }),
      });
    } catch (error) {
      // Made by someone else since our inspect (another agent on the same engine or state dir): not ours.
      if (error instanceof NodeAlreadyExistsError) throw await this.conflictWith(request.nodeId, error);
      throw error;
    } finally {
      // A created node holds its port in runtime.list(), which every later allocation skips.
      this.ports.release(port);
    }
    try {
      return toView(
        bootCpus === undefined
          ? await this.runtime.start(request.nodeId)
          : await this.startAndCap(request.nodeId),
      );
    } catch (error) {
      await this.runtime
        .remove(request.nodeId)
        .catch((removeError: Error) =>
          this.logger.warn(
            `node ${request.nodeId} failed to start and could not be removed: ${removeError.message}`,
          ),
        );
      throw error;
    }
  }

  private async conflictWith(nodeId: string, error: NodeAlreadyExistsError): Promise<NodeAlreadyExistsError> {
    const existing = await this.runtime.inspect(nodeId).catch(() => undefined);
    return existing ? new NodeAlreadyExistsError(nodeId, { existing, cause: error }) : error;
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

  /** With an incarnation, only that launch is removed: a stale cleanup must not kill a later one. */
  remove(nodeId: string, incarnation?: number): Promise<void> {
    return this.lock.run(nodeId, async () => {
      if (incarnation !== undefined) {
        const node = await this.runtime.inspect(nodeId);
        if (!node) throw new NodeNotFoundError(nodeId);
        if (node.incarnation !== incarnation) throw new IncarnationMismatchError(nodeId, incarnation, node);
      }
      this.sampler.forget(nodeId);
      await this.runtime.remove(nodeId);
    });
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
    const [nodes, capacity, limits, interpreters] = await Promise.all([
      this.runtime.list(),
      this.capacity.current(),
      this.runtime.hostLimits(),
      // Not knowing them (a docker image not built yet) does not make the agent unanswering.
      this.runtime.interpreters().catch((error: Error) => {
        this.logger.warn(`cannot tell the nodes' interpreters: ${error.message}`);
        return null;
      }),
    ]);
    const { first, last } = this.config.portRange;
    const held = new Set(nodes.map((node) => node.port).filter((port) => port >= first && port <= last));
    return {
      runtime: this.runtime.kind,
      cores: capacity.cores,
      memoryBytes: capacity.memoryBytes,
      nodes: nodes.length,
      freePorts: last - first + 1 - held.size,
      limits,
      interpreters,
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
