import type Docker from 'dockerode';
import { DockerEngineCalls } from './docker-engine-calls';
import type { NodeLimits, RuntimeKind, ScriptInterpreter } from '@strato/contracts';
import { NodeAlreadyExistsError } from '../errors/node-already-exists.error';
import { NodeNotFoundError } from '../errors/node-not-found.error';
import { NodeNotRunningError } from '../errors/node-not-running.error';
import { DEFAULT_LOG_TAIL_LINES, DEFAULT_STOP_TIMEOUT_MS } from '../node-runtime';
import type { NodeRuntime, NodeSpec, RuntimeCapacity, RuntimeNode } from '../node-runtime';
import type { NodeStats } from '../node-stats';
import type { RuntimeEventListener, RuntimeLogger, Unsubscribe } from '../runtime-event';
import { assertValidId, assertValidNodeSpec } from '../validate-node-spec';
import {
  cloudFilter,
  containerCreateOptions,
  containerName,
  LABEL,
  nanoCpus,
  toRuntimeNode,
} from './container-config';
import { demuxDockerLogs } from './demux-logs';
import { createContainer } from './create-container';
import { connectDocker } from './docker-client';
import { hasStatus } from './docker-errors';
import { DockerNodeEvents } from './docker-node-events';
import { DockerStatsReader, type StatsTarget } from './docker-stats-reader';
import { DockerJobExec } from './docker-job-exec';
import { DockerImageInterpreters } from './docker-image-interpreters';
import type { NodeJobHandle, NodeJobOutput, NodeJobSpec } from '../jobs/node-job';
import { isLimitWarning, limitsFromWarnings } from './engine-limits';

export interface DockerNodeRuntimeOptions {
  cloud: string;
  image: string;
  socketPath?: string;
  logger?: RuntimeLogger;
}

/** Nodes as host-networked containers with NanoCpus/Memory caps, found again through their labels. */
export class DockerNodeRuntime implements NodeRuntime {
  readonly kind: RuntimeKind = 'docker';
  private readonly cloud: string;
  private readonly image: string;
  private readonly docker: Docker;
  private readonly engine: DockerEngineCalls;
  private readonly statsReader: DockerStatsReader;
  private readonly events: DockerNodeEvents;
  private readonly logger: RuntimeLogger;
  /** What the engine said at create, per node this adapter created; other nodes get the engine's capabilities. */
  private readonly createdLimits = new Map<string, NodeLimits>();
  private readonly jobs: DockerJobExec;
  private readonly imageInterpreters: DockerImageInterpreters;

  constructor(options: DockerNodeRuntimeOptions) {
    assertValidId('cloud', options.cloud);
    this.cloud = options.cloud;
    this.image = options.image;
    const { client, description } = connectDocker(options.socketPath);
    this.docker = client;
    this.engine = new DockerEngineCalls(client, { image: this.image, endpoint: description });
    const logger = options.logger ?? console;
    this.logger = logger;
    this.statsReader = new DockerStatsReader(logger);
    this.events = new DockerNodeEvents(client, this.cloud, logger);
    this.jobs = new DockerJobExec({
      docker: client,
      container: (nodeId) => this.container(nodeId),
      oomKills: (nodeId) => this.statsReader.oomKills(this.statsTarget(nodeId)),
    });
    this.imageInterpreters = new DockerImageInterpreters(client, logger);
  }

  async create(spec: NodeSpec): Promise<RuntimeNode> {
    assertValidNodeSpec(spec);
    let warnings: string[];
    try {
      ({ warnings } = await createContainer(
        this.docker,
        containerCreateOptions(this.cloud, this.image, spec),
      ));
    } catch (error) {
      if (hasStatus(error, 409)) throw new NodeAlreadyExistsError(spec.nodeId, { cause: error });
      throw this.engine.translate(error, 'create', spec.nodeId);
    }
    const limits = limitsFromWarnings(warnings);
    this.createdLimits.set(spec.nodeId, limits);
    const other = warnings.filter((warning) => !isLimitWarning(warning));
    if (limits.reason !== null) this.logger.warn(`docker runtime: node ${spec.nodeId}: ${limits.reason}`);
    if (other.length > 0) this.logger.warn(`docker runtime: node ${spec.nodeId}: ${other.join('; ')}`);
    return this.inspectContainer(this.container(spec.nodeId), spec.nodeId);
  }

  async start(nodeId: string): Promise<RuntimeNode> {
    const container = this.container(nodeId);
    await this.engine.call('start', nodeId, () => container.start(), 304);
    return this.inspectContainer(container, nodeId);
  }

  /** `docker update` of NanoCpus to the cap in the node's label, when the container has another (a boost). */
  async applyCpuCap(nodeId: string): Promise<void> {
    const container = this.container(nodeId);
    const { Config, HostConfig } = await this.inspectInfo(container, nodeId);
    const cap = Number(Config.Labels?.[LABEL.cpus]);
    // A container made before the label was written boots under its cap: nothing to end.
    if (!(cap > 0) || HostConfig.NanoCpus === nanoCpus(cap)) return;
    await this.engine.call('update', nodeId, () => container.update({ NanoCpus: nanoCpus(cap) }));
  }

  async stop(nodeId: string, timeoutMs = DEFAULT_STOP_TIMEOUT_MS): Promise<void> {
    const container = this.container(nodeId);
    // The engine takes whole seconds; round up so a node always gets at least the time asked for.
    const t = Math.max(0, Math.ceil(timeoutMs / 1_000));
    await this.engine.call('stop', nodeId, () => container.stop({ t }), 304);
  }

  async remove(nodeId: string): Promise<void> {
    const node = await this.inspectContainer(this.container(nodeId), nodeId);
    if (node.state === 'running' || node.state === 'paused') await this.stop(nodeId);
    await this.engine.call('remove', nodeId, () => this.container(nodeId).remove({ force: true }));
    this.createdLimits.delete(nodeId);
  }

  async pause(nodeId: string): Promise<RuntimeNode> {
    const container = this.container(nodeId);
    const { State } = await this.inspectInfo(container, nodeId);
    if (!State.Running) throw new NodeNotRunningError(nodeId, 'pause');
    if (!State.Paused) await this.engine.call('pause', nodeId, () => container.pause());
    return this.inspectContainer(container, nodeId);
  }

  async resume(nodeId: string): Promise<RuntimeNode> {
    const container = this.container(nodeId);
    const { State } = await this.inspectInfo(container, nodeId);
    if (!State.Running) throw new NodeNotRunningError(nodeId, 'resume');
    if (State.Paused) await this.engine.call('unpause', nodeId, () => container.unpause());
    return this.inspectContainer(container, nodeId);
  }

  async stats(nodeId: string): Promise<NodeStats> {
    return this.statsReader.read(this.statsTarget(nodeId));
  }

  /** `docker exec` into the node's container, the job in a session of its own there. */
  runJob(spec: NodeJobSpec, output: NodeJobOutput): Promise<NodeJobHandle> {
    return this.jobs.runJob(spec, output);
  }

  /** In every running node's container; a paused one cannot exec: its leftovers go when it is resumed. */
  async endLeftoverJobs(): Promise<string[]> {
    const running = (await this.list()).filter((node) => node.state === 'running');
    const ended = await Promise.all(running.map((node) => this.jobs.endLeftoverJobsIn(node.nodeId)));
    return ended.flat();
  }

  private statsTarget(nodeId: string): StatsTarget {
    const container = this.container(nodeId);
    return {
      nodeId,
      inspect: async () => {
        const { Id, State, HostConfig } = await this.inspectInfo(container, nodeId);
        const limits = { nanoCpus: HostConfig.NanoCpus ?? 0, memoryBytes: HostConfig.Memory ?? 0 };
        return { id: Id, running: State.Running, pid: State.Pid, ...limits };
      },
      engineStats: async () =>
        (await this.engine.call('stats', nodeId, () => container.stats({ stream: false }))) ?? {},
    };
  }

  /** Exits and OOM kills from the engine's event stream, reopened if it drops. */
  subscribe(listener: RuntimeEventListener): Unsubscribe {
    return this.events.subscribe(listener);
  }

  async inspect(nodeId: string): Promise<RuntimeNode | undefined> {
    try {
      return await this.inspectContainer(this.container(nodeId), nodeId);
    } catch (error) {
      if (error instanceof NodeNotFoundError) return undefined;
      throw error;
    }
  }

  async list(): Promise<RuntimeNode[]> {
    const containers = await this.engine.call('list', undefined, () =>
      this.docker.listContainers({ all: true, filters: cloudFilter(this.cloud) }),
    );
    const host = await this.hostLimits();
    return (containers ?? []).map((info) =>
      toRuntimeNode(info.Labels, info.State, this.createdLimits.get(info.Labels[LABEL.node] ?? '') ?? host),
    );
  }

  hostLimits(): Promise<NodeLimits> {
    return this.engine.hostLimits();
  }

  capacity(): Promise<RuntimeCapacity> {
    return this.engine.capacity();
  }

  /** Read from the node image's filesystem, once per image id: nothing is started. */
  async interpreters(): Promise<ScriptInterpreter[]> {
    try {
      return await this.imageInterpreters.of(this.image);
    } catch (error) {
      throw this.engine.translate(error, 'interpreters', undefined);
    }
  }

  async logs(nodeId: string, tailLines = DEFAULT_LOG_TAIL_LINES): Promise<string> {
    const container = this.container(nodeId);
    const buffer = await this.engine.call('logs', nodeId, () =>
      container.logs({ stdout: true, stderr: true, follow: false, tail: tailLines }),
    );
    return buffer === undefined ? '' : demuxDockerLogs(buffer);
  }

  private container(nodeId: string): Docker.Container {
    assertValidId('node', nodeId);
    return this.docker.getContainer(containerName(this.cloud, nodeId));
  }

  private async inspectContainer(container: Docker.Container, nodeId: string): Promise<RuntimeNode> {
    const info = await this.inspectInfo(container, nodeId);
    const limits = this.createdLimits.get(nodeId) ?? (await this.hostLimits());
    return toRuntimeNode(info.Config.Labels ?? {}, info.State.Status, limits);
  }

  private async inspectInfo(
    container: Docker.Container,
    nodeId: string,
  ): Promise<Docker.ContainerInspectInfo> {
    const info = await this.engine.call('inspect', nodeId, () => container.inspect());
    if (info === undefined) throw new Error(`docker inspect of node ${nodeId} returned nothing`);
    return info;
  }
}
