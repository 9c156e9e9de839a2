import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { NodeLimits, RuntimeKind, RuntimeNodeState, ScriptInterpreter } from '@strato/contracts';
import { NodeAlreadyExistsError } from '../errors/node-already-exists.error';
import { NodeNotRunningError } from '../errors/node-not-running.error';
import { DEFAULT_LOG_TAIL_LINES, DEFAULT_STOP_TIMEOUT_MS, NODE_HOST } from '../node-runtime';
import type { NodeRuntime, NodeSpec, RuntimeCapacity, RuntimeNode } from '../node-runtime';
import type { NodeStats } from '../node-stats';
import type { RuntimeEventListener, RuntimeLogger, Unsubscribe } from '../runtime-event';
import { tailFile } from '../tail-lines';
import { assertValidId, assertValidNodeSpec, boostedBootCpus } from '../validate-node-spec';
import { detectProcessLimits, type CgroupHost } from './detect-process-limits';
import { isErrno, NodeStateStore, type ProcessNodeState } from './node-state-store';
import { NoProcessLimits, type ProcessLimits } from './process-limits';
import { ProcessNodeEvents } from './process-node-events';
import { ProcessNodeLocator } from './process-node-locator';
import { assertLaunchable, launchJobServer } from './launch-job-server';
import { signalGroup, waitUntilGone } from './terminate';
import type { NodeJobHandle, NodeJobOutput, NodeJobSpec } from '../jobs/node-job';
import { ProcessJobLauncher } from './process-job-launcher';
import { hostInterpreters, type InterpreterPaths } from './resolve-interpreter';

export interface ProcessNodeRuntimeOptions {
  cloud: string;
  jobServerPath: string;
  stateDir: string;
  nodeBinary?: string;
  /** Cap nodes with cgroups where the host allows it (default true); false runs them uncapped. */
  cgroups?: boolean;
  /** Where the cgroups are (default: found from /proc); a v2 root delegated to the agent goes here. */
  cgroupHost?: CgroupHost;
  /** How often node pids are polled for exits while someone is subscribed (default 250 ms). */
  exitPollMs?: number;
  logger?: RuntimeLogger;
  /** Where script interpreters are looked for (default: the usual /bin, /usr/bin, /usr/local/bin paths). */
  interpreters?: InterpreterPaths;
}

/** Nodes as detached `node <job server>` processes in per-node cgroups, found again through state files. */
export class ProcessNodeRuntime implements NodeRuntime {
  readonly kind: RuntimeKind = 'process';
  private readonly cloud: string;
  private readonly jobServerPath: string;
  private readonly nodeBinary: string;
  private readonly store: NodeStateStore;
  private readonly limits: Promise<ProcessLimits>;
  private readonly locator: ProcessNodeLocator;
  private readonly events: ProcessNodeEvents;
  private readonly jobs: ProcessJobLauncher;
  private readonly interpreterPaths: InterpreterPaths | undefined;

  constructor(options: ProcessNodeRuntimeOptions) {
    assertValidId('cloud', options.cloud);
    this.cloud = options.cloud;
    this.jobServerPath = resolve(options.jobServerPath);
    this.nodeBinary = options.nodeBinary ?? process.execPath;
    this.store = new NodeStateStore(resolve(options.stateDir));
    this.interpreterPaths = options.interpreters;
    // Without a logger only trouble is told (on stderr), not which cgroup layout is in force.
    const logger = options.logger ?? { warn: (message: string) => console.warn(message) };
    this.limits =
      options.cgroups === false
        ? Promise.resolve(new NoProcessLimits('cgroups are switched off for this runtime'))
        : detectProcessLimits(this.cloud, logger, options.cgroupHost);
    this.locator = new ProcessNodeLocator(this.cloud, this.store, this.limits, (nodeId) =>
      this.markers(nodeId),
    );
    this.events = new ProcessNodeEvents(this.locator, this.limits, logger, options.exitPollMs ?? 250);
    this.jobs = new ProcessJobLauncher({
      nodeBinary: this.nodeBinary,
      jobServerPath: this.jobServerPath,
      jobsDir: join(resolve(options.stateDir), 'jobs'),
      limits: this.limits,
      requireLive: (nodeId) => this.locator.requireLive(nodeId, 'run a job on'),
      interpreters: this.interpreterPaths,
    });
  }

  async create(spec: NodeSpec): Promise<RuntimeNode> {
    assertValidNodeSpec(spec);
    const { nodeId, incarnation, pod, port, cpus, memoryMiB } = spec;
    const bootCpus = boostedBootCpus(spec);
    const state: ProcessNodeState = {
      nodeId,
      incarnation,
      pod,
      port,
      cpus,
      memoryMiB,
      ...(bootCpus === undefined ? {} : { bootCpus }),
      cloud: this.cloud,
      ...(spec.host === undefined ? {} : { host: spec.host }),
    };
    if (!(await this.store.create(state))) throw new NodeAlreadyExistsError(nodeId);
    return this.toNode(state, 'created');
  }

  async start(nodeId: string): Promise<RuntimeNode> {
    const state = await this.locator.require(nodeId);
    const current = await this.locator.stateOf(state);
    if (current === 'running' || current === 'paused') return this.toNode(state, current);
    await assertLaunchable(this.nodeBinary, this.jobServerPath);
    const limits = await this.limits;
    const capped = { ...state, cpus: state.bootCpus ?? state.cpus };
    const argv = await limits.wrap(capped, [this.nodeBinary, ...this.markers(nodeId)]);
    const { pid, child } = await launchJobServer(argv, state, this.store.logPath(nodeId));
    this.events.watchChild({ nodeId, incarnation: state.incarnation ?? null, pod: state.pod, pid }, child);
    await this.store.write({ ...state, pid });
    return this.toNode(state, 'running');
  }

  async applyCpuCap(nodeId: string): Promise<void> {
    const state = await this.locator.require(nodeId);
    if (state.bootCpus === undefined) return;
    if ((await this.locator.stateOf(state)) !== 'exited')
      await (await this.limits).setCpus(nodeId, state.cpus);
    const { bootCpus: _ended, ...capped } = state;
    await this.store.write(capped);
  }

  async stop(nodeId: string, timeoutMs = DEFAULT_STOP_TIMEOUT_MS): Promise<void> {
    const state = await this.locator.require(nodeId);
    const isOurs = async (): Promise<boolean> => (await this.locator.stateOf(state)) !== 'exited';
    if (!(await isOurs()) || state.pid === undefined) return;
    const limits = await this.limits;
    signalGroup(state.pid, 'SIGTERM');
    // A paused node only acts on signals once thawed (SIGKILL included, under the cgroup v1 freezer).
    await limits.thaw(nodeId, state.pid);
    if (!(await waitUntilGone(isOurs, timeoutMs))) {
      signalGroup(state.pid, 'SIGKILL');
      await waitUntilGone(isOurs, DEFAULT_STOP_TIMEOUT_MS);
    }
    await limits.release(nodeId);
  }

  async remove(nodeId: string): Promise<void> {
    await this.stop(nodeId);
    // Also after a crash, which stop() skips: the node's cgroup must not outlive it.
    await (await this.limits).release(nodeId);
    await this.store.remove(nodeId);
  }

  async pause(nodeId: string): Promise<RuntimeNode> {
    const { state, pid } = await this.locator.requireLive(nodeId, 'pause');
    if ((await this.locator.stateOf(state)) === 'running') await (await this.limits).freeze(nodeId, pid);
    return this.toNode(state, 'paused');
  }

  async resume(nodeId: string): Promise<RuntimeNode> {
    const { state, pid } = await this.locator.requireLive(nodeId, 'resume');
    await (await this.limits).thaw(nodeId, pid);
    return this.toNode(state, 'running');
  }

  async stats(nodeId: string): Promise<NodeStats> {
    const { pid } = await this.locator.requireLive(nodeId, 'measure');
    const at = Date.now();
    try {
      return { nodeId, at, ...(await (await this.limits).sample(nodeId, pid)) };
    } catch (error) {
      if (isErrno(error, 'ENOENT')) throw new NodeNotRunningError(nodeId, 'measure', { cause: error });
      throw error;
    }
  }

  /** A child of this agent in its own process group, inside the node's cgroups, beside its job server. */
  runJob(spec: NodeJobSpec, output: NodeJobOutput): Promise<NodeJobHandle> {
    return this.jobs.runJob(spec, output);
  }

  endLeftoverJobs(): Promise<string[]> {
    return this.jobs.endLeftoverJobs();
  }

  /** Exits of this cloud's nodes: our own children at once, nodes started by others within exitPollMs. */
  subscribe(listener: RuntimeEventListener): Unsubscribe {
    return this.events.subscribe(listener);
  }

  async inspect(nodeId: string): Promise<RuntimeNode | undefined> {
    const state = await this.locator.find(nodeId);
    return state && this.toNode(state, await this.locator.stateOf(state));
  }

  async list(): Promise<RuntimeNode[]> {
    const states = await this.locator.all();
    return Promise.all(states.map(async (state) => this.toNode(state, await this.locator.stateOf(state))));
  }

  async hostLimits(): Promise<NodeLimits> {
    return (await this.limits).limits;
  }

  async capacity(): Promise<RuntimeCapacity> {
    return { cores: cpus().length, memoryBytes: totalmem(), hosts: 1 };
  }

  /** Looked for on this host each time, where runJob looks: an interpreter installed later is seen. */
  interpreters(): Promise<ScriptInterpreter[]> {
    return hostInterpreters(this.nodeBinary, this.interpreterPaths);
  }

  async logs(nodeId: string, tailLines = DEFAULT_LOG_TAIL_LINES): Promise<string> {
    await this.locator.require(nodeId);
    return tailFile(this.store.logPath(nodeId), tailLines);
  }

  /** Arguments the job server ignores, naming the node so a recycled pid is never mistaken for it. */
  private markers(nodeId: string): string[] {
    return [this.jobServerPath, `--strato-node=${this.cloud}/${nodeId}`];
  }

  private async toNode(state: ProcessNodeState, nodeState: RuntimeNodeState): Promise<RuntimeNode> {
    const { nodeId, pod, port } = state;
    const limits = await this.limits;
    const live = nodeState === 'running' || nodeState === 'paused';
    return {
      nodeId,
      incarnation: state.incarnation ?? null,
      pod,
      port,
      host: state.host ?? NODE_HOST,
      state: nodeState,
      runtime: this.kind,
      limits: live ? await limits.nodeLimits(nodeId) : limits.limits,
    };
  }
}
