import type Docker from 'dockerode';
import { DockerEngineCalls } from '../docker/docker-engine-calls';
import type { NodeLimits, RuntimeKind, ScriptInterpreter } from '@strato/contracts';
import { NodeAlreadyExistsError } from '../errors/node-already-exists.error';
import { NodeNotRunningError } from '../errors/node-not-running.error';
import { DEFAULT_LOG_TAIL_LINES, DEFAULT_STOP_TIMEOUT_MS } from '../node-runtime';
import type { NodeRuntime, NodeSpec, RuntimeCapacity, RuntimeNode } from '../node-runtime';
import type { NodeStats } from '../node-stats';
import type { RuntimeEventListener, RuntimeLogger, Unsubscribe } from '../runtime-event';
import { assertValidId, assertValidNodeSpec } from '../validate-node-spec';
import { cloudFilter, LABEL, nanoCpus, toRuntimeNode } from '../docker/container-config';
import { demuxDockerLogs } from '../docker/demux-logs';
import { connectDocker } from '../docker/docker-client';
import { hasStatus } from '../docker/docker-errors';
import { DockerNodeEvents } from '../docker/docker-node-events';
import { DockerStatsReader } from '../docker/docker-stats-reader';
import { DockerJobExec } from '../docker/docker-job-exec';
import { DockerImageInterpreters } from '../docker/docker-image-interpreters';
import type { NodeJobHandle, NodeJobOutput, NodeJobSpec } from '../jobs/node-job';
import { SERVICE_ID_LABEL, serviceCreateOptions, serviceName, SWARM_LABEL } from './service-spec';
import { swarmCapacity, type SwarmNodeInfo } from './swarm-capacity';
import { updateService } from './update-service';
import { isLive, newestFirst, serviceContainerFilter } from './task-containers';
import { waitForNoTasks, waitForTaskContainer } from './wait-for-task';

export interface SwarmNodeRuntimeOptions {
  cloud: string;
  image: string;
  /** A swarm manager's engine; on a single-node swarm also where the tasks run. */
  socketPath?: string;
  logger?: RuntimeLogger;
  /** How long a start waits for Swarm to place the task and its container to run. Default 30 000 ms. */
  startTimeoutMs?: number;
  /** Swarm reserves the pod's size divided by this (default 1: never overcommit a host). */
  overcommit?: number;
}

/** How long a remove waits for Swarm to delete the node's tasks before it removes the service. */
const TASKS_GONE_MS = 10_000;

interface ServiceInfo {
  ID: string;
  Version: { Index: number };
  Spec: Docker.ServiceSpec & { Labels?: Record<string, string> };
}

/**
 * Nodes as Swarm services of one replica (see serviceCreateOptions for why one per node), pinned to the
 * swarm host of the engine the runtime talks to: Swarm runs each once its reservation fits there; the
 * node's running task container is then paused, sampled, exec'ed into and watched exactly as the docker
 * runtime does with its own containers. A node
 * found again after a restart of the agent: everything is in the service and its task's labels.
 */
export class SwarmNodeRuntime implements NodeRuntime {
  readonly kind: RuntimeKind = 'swarm';
  private readonly cloud: string;
  private readonly image: string;
  private readonly docker: Docker;
  private readonly engine: DockerEngineCalls;
  private readonly statsReader: DockerStatsReader;
  private readonly events: DockerNodeEvents;
  private readonly jobs: DockerJobExec;
  private readonly imageInterpreters: DockerImageInterpreters;
  private readonly startTimeoutMs: number;
  private readonly overcommit: number;
  private readonly logger: RuntimeLogger;

  constructor(options: SwarmNodeRuntimeOptions) {
    assertValidId('cloud', options.cloud);
    this.cloud = options.cloud;
    this.image = options.image;
    this.startTimeoutMs = options.startTimeoutMs ?? 30_000;
    this.overcommit = options.overcommit ?? 1;
    if (!(this.overcommit >= 1))
      throw new RangeError(`overcommit must be at least 1, got ${this.overcommit}`);
    const { client, description } = connectDocker(options.socketPath);
    this.docker = client;
    this.engine = new DockerEngineCalls(client, { image: this.image, endpoint: description });
    const logger = options.logger ?? console;
    this.logger = logger;
    this.statsReader = new DockerStatsReader(logger);
    this.events = new DockerNodeEvents(client, this.cloud, logger);
    this.jobs = new DockerJobExec({
      docker: client,
      container: (nodeId) => this.runningContainer(nodeId, 'run a job in'),
      oomKills: (nodeId) => this.statsReader.oomKills(this.statsTarget(nodeId)),
    });
    this.imageInterpreters = new DockerImageInterpreters(client, logger);
  }

  async create(spec: NodeSpec): Promise<RuntimeNode> {
    assertValidNodeSpec(spec);
    const placement = { overcommit: this.overcommit, host: await this.engine.swarmNodeId() };
    try {
      await this.docker.createService(serviceCreateOptions(this.cloud, this.image, spec, placement));
    } catch (error) {
      if (hasStatus(error, 409)) throw new NodeAlreadyExistsError(spec.nodeId, { cause: error });
      throw this.engine.translate(error, 'create', spec.nodeId);
    }
    return this.node(spec.nodeId);
  }

  /** One replica (a new task even when the last one exited: ForceUpdate), then waits for it to run. */
  async start(nodeId: string): Promise<RuntimeNode> {
    const service = await this.serviceInfo(nodeId);
    const earlier = await this.containersOf(service.ID);
    if (isLive(earlier[0])) return this.node(nodeId);
    await this.engine.call('update', nodeId, () =>
      updateService(this.docker.getService(service.ID), (spec) => ({
        ...spec,
        Mode: { Replicated: { Replicas: 1 } },
        TaskTemplate: { ...spec.TaskTemplate, ForceUpdate: (spec.TaskTemplate?.ForceUpdate ?? 0) + 1 },
      })),
    );
    const containerId = await waitForTaskContainer(this.docker, {
      serviceId: service.ID,
      nodeId,
      cloud: this.cloud,
      earlier: new Set(earlier.map((container) => container.Id)),
      timeoutMs: this.startTimeoutMs,
    });
    await this.capToSpec(containerId, service);
    return this.node(nodeId);
  }

  /** Ends a boot boost: the cap on the running container, and no boost on the next starts. */
  async applyCpuCap(nodeId: string): Promise<void> {
    const service = await this.serviceInfo(nodeId);
    const labels = service.Spec.Labels ?? {};
    const cap = Number(labels[LABEL.cpus]);
    const container = await this.latestContainer(service);
    if (cap > 0 && isLive(container)) {
      await this.engine.call('update', nodeId, () =>
        this.docker.getContainer(container.Id).update({ NanoCpus: nanoCpus(cap) }),
      );
    }
    if (labels[SWARM_LABEL.bootCpus] === undefined) return;
    // A service label, not the task template: changing it replaces no task.
    await this.engine.call('update', nodeId, () =>
      updateService(this.docker.getService(service.ID), (spec) => {
        const labels = { ...spec.Labels };
        delete labels[SWARM_LABEL.bootCpus];
        return { ...spec, Labels: labels };
      }),
    );
  }

  /** Stops the container within timeoutMs (Swarm's own stop waits its 10 s grace), then no replica. */
  async stop(nodeId: string, timeoutMs = DEFAULT_STOP_TIMEOUT_MS): Promise<void> {
    const service = await this.serviceInfo(nodeId);
    const container = await this.latestContainer(service);
    if (isLive(container)) {
      const t = Math.max(0, Math.ceil(timeoutMs / 1_000));
      await this.engine.call('stop', nodeId, () => this.docker.getContainer(container.Id).stop({ t }), 304);
    }
    if (service.Spec.Mode?.Replicated?.Replicas === 0) return;
    await this.engine.call('update', nodeId, () =>
      updateService(this.docker.getService(service.ID), (spec) => ({
        ...spec,
        Mode: { Replicated: { Replicas: 0 } },
      })),
    );
  }

  /** The service and its task containers, so nothing of the node is left for a new one of that id. */
  async remove(nodeId: string): Promise<void> {
    const service = await this.serviceInfo(nodeId);
    await this.stop(nodeId);
    if (!(await waitForNoTasks(this.docker, service.ID, TASKS_GONE_MS))) {
      this.logger.warn(`swarm runtime: node ${nodeId}: its tasks were not gone after ${TASKS_GONE_MS} ms`);
    }
    await this.engine.call('remove', nodeId, () => this.docker.getService(service.ID).remove(), 404);
    for (const container of await this.containersOf(service.ID)) {
      await this.docker
        .getContainer(container.Id)
        .remove({ force: true })
        .catch((error: unknown) => {
          // Swarm removes the task containers of a removed service too: one of us gets there first.
          if (!hasStatus(error, 404) && !hasStatus(error, 409))
            throw this.engine.translate(error, 'remove', nodeId);
        });
    }
  }

  async pause(nodeId: string): Promise<RuntimeNode> {
    const container = await this.runningContainer(nodeId, 'pause');
    const { State } = await container.inspect();
    if (!State.Paused) await this.engine.call('pause', nodeId, () => container.pause());
    return this.node(nodeId);
  }

  async resume(nodeId: string): Promise<RuntimeNode> {
    const container = await this.runningContainer(nodeId, 'resume');
    const { State } = await container.inspect();
    if (State.Paused) await this.engine.call('unpause', nodeId, () => container.unpause());
    return this.node(nodeId);
  }

  async stats(nodeId: string): Promise<NodeStats> {
    await this.runningContainer(nodeId, 'stats');
    return this.statsReader.read(this.statsTarget(nodeId));
  }

  /** `docker exec` into the node's task container, as the docker runtime does. */
  runJob(spec: NodeJobSpec, output: NodeJobOutput): Promise<NodeJobHandle> {
    return this.jobs.runJob(spec, output);
  }

  async endLeftoverJobs(): Promise<string[]> {
    const running = (await this.list()).filter((node) => node.state === 'running');
    const ended = await Promise.all(running.map((node) => this.jobs.endLeftoverJobsIn(node.nodeId)));
    return ended.flat();
  }

  subscribe(listener: RuntimeEventListener): Unsubscribe {
    return this.events.subscribe(listener);
  }

  async inspect(nodeId: string): Promise<RuntimeNode | undefined> {
    assertValidId('node', nodeId);
    const service = await this.findService(nodeId);
    return service === undefined ? undefined : this.toNode(service, await this.currentState(service));
  }

  async list(): Promise<RuntimeNode[]> {
    const [services, containers] = await Promise.all([
      this.engine.call('list', undefined, () =>
        this.docker.listServices({ filters: cloudFilter(this.cloud) }),
      ),
      this.engine.call('list', undefined, () =>
        this.docker.listContainers({ all: true, filters: cloudFilter(this.cloud) }),
      ),
    ]);
    return Promise.all(
      ((services ?? []) as unknown as ServiceInfo[]).map((service) =>
        this.toNode(
          service,
          newestFirst((containers ?? []).filter((c) => c.Labels[SERVICE_ID_LABEL] === service.ID))[0]?.State,
        ),
      ),
    );
  }

  hostLimits(): Promise<NodeLimits> {
    return this.engine.hostLimits();
  }

  /**
   * The swarm hosts this runtime places nodes on: its engine's own (see serviceCreateOptions), found in the
   * swarm's host list, so a host drained or down offers nothing.
   */
  async capacity(): Promise<RuntimeCapacity> {
    const [nodes, own] = await Promise.all([
      this.engine.call('list swarm hosts', undefined, () => this.docker.listNodes()),
      this.engine.swarmNodeId(),
    ]);
    return swarmCapacity(((nodes ?? []) as SwarmNodeInfo[]).filter((node) => node.ID === own));
  }

  async interpreters(): Promise<ScriptInterpreter[]> {
    try {
      return await this.imageInterpreters.of(this.image);
    } catch (error) {
      throw this.engine.translate(error, 'interpreters', undefined);
    }
  }

  async logs(nodeId: string, tailLines = DEFAULT_LOG_TAIL_LINES): Promise<string> {
    const container = await this.latestContainer(await this.serviceInfo(nodeId));
    if (container === undefined) return '';
    const buffer = await this.engine.call('logs', nodeId, () =>
      this.docker
        .getContainer(container.Id)
        .logs({ stdout: true, stderr: true, follow: false, tail: tailLines }),
    );
    return buffer === undefined ? '' : demuxDockerLogs(buffer);
  }

  /** No swap beyond the memory cap (Swarm gives twice the memory), and the boot boost if there is one. */
  private async capToSpec(containerId: string, service: ServiceInfo): Promise<void> {
    const memoryBytes = service.Spec.TaskTemplate?.Resources?.Limits?.MemoryBytes;
    const boot = Number(service.Spec.Labels?.[SWARM_LABEL.bootCpus]);
    const update: Record<string, number> = {};
    if (memoryBytes !== undefined) Object.assign(update, { Memory: memoryBytes, MemorySwap: memoryBytes });
    if (boot > 0) update['NanoCpus'] = nanoCpus(boot);
    // A container that exited already (its port taken, say) has nothing to cap: its state tells.
    await this.docker
      .getContainer(containerId)
      .update(update)
      .catch(() => undefined);
  }

  private statsTarget(nodeId: string) {
    return {
      nodeId,
      inspect: async () => {
        const container = await this.runningContainer(nodeId, 'stats');
        const { Id, State, HostConfig } = await container.inspect();
        const limits = { nanoCpus: HostConfig.NanoCpus ?? 0, memoryBytes: HostConfig.Memory ?? 0 };
        return { id: Id, running: State.Running, pid: State.Pid, ...limits };
      },
      engineStats: async () => {
        const container = await this.runningContainer(nodeId, 'stats');
        return (await this.engine.call('stats', nodeId, () => container.stats({ stream: false }))) ?? {};
      },
    };
  }

  /** The node's current task container; NodeNotRunningError unless it runs (or is paused). */
  private async runningContainer(nodeId: string, operation: string): Promise<Docker.Container> {
    const container = await this.latestContainer(await this.serviceInfo(nodeId));
    if (!isLive(container)) throw new NodeNotRunningError(nodeId, operation);
    return this.docker.getContainer(container.Id);
  }

  private async node(nodeId: string): Promise<RuntimeNode> {
    const service = await this.serviceInfo(nodeId);
    return this.toNode(service, await this.currentState(service));
  }

  /** From the container itself: the container list can lag a moment behind an exit the events told. */
  private async currentState(service: ServiceInfo): Promise<string | undefined> {
    const container = await this.latestContainer(service);
    if (container === undefined) return undefined;
    const info = await this.docker
      .getContainer(container.Id)
      .inspect()
      .catch(() => undefined);
    return info?.State.Status ?? container.State;
  }

  /** A node without a task container yet is created (never started, or waiting for Swarm to place it). */
  private async toNode(service: ServiceInfo, containerState: string | undefined): Promise<RuntimeNode> {
    const node = toRuntimeNode(
      service.Spec.Labels ?? {},
      containerState ?? 'created',
      await this.hostLimits(),
    );
    return { ...node, runtime: this.kind };
  }

  private async serviceInfo(nodeId: string): Promise<ServiceInfo> {
    assertValidId('node', nodeId);
    const service = await this.engine.call('inspect', nodeId, () =>
      this.docker.getService(serviceName(this.cloud, nodeId)).inspect(),
    );
    if (service === undefined) throw new Error(`docker service inspect of node ${nodeId} returned nothing`);
    return service as ServiceInfo;
  }

  private async findService(nodeId: string): Promise<ServiceInfo | undefined> {
    try {
      return (await this.docker.getService(serviceName(this.cloud, nodeId)).inspect()) as ServiceInfo;
    } catch (error) {
      if (hasStatus(error, 404)) return undefined;
      throw this.engine.translate(error, 'inspect', nodeId);
    }
  }

  /** Task containers of this service (not of an earlier one of the same name), newest first. */
  private async containersOf(serviceId: string): Promise<Docker.ContainerInfo[]> {
    const filters = serviceContainerFilter(this.cloud, serviceId);
    const containers = await this.engine.call('list', undefined, () =>
      this.docker.listContainers({ all: true, filters }),
    );
    return newestFirst(containers ?? []);
  }

  private async latestContainer(service: ServiceInfo): Promise<Docker.ContainerInfo | undefined> {
    return (await this.containersOf(service.ID))[0];
  }
}
