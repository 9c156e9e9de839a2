import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RuntimeKind, RuntimeNodeState } from '@strato/contracts';
import { NodeAlreadyExistsError } from '../errors/node-already-exists.error';
import { NodeNotFoundError } from '../errors/node-not-found.error';
import { RuntimeUnavailableError } from '../errors/runtime-unavailable.error';
import { DEFAULT_LOG_TAIL_LINES, DEFAULT_STOP_TIMEOUT_MS, NODE_HOST } from '../node-runtime';
import type { NodeRuntime, NodeSpec, RuntimeNode } from '../node-runtime';
import { tailFile } from '../tail-lines';
import { assertValidId, assertValidNodeSpec } from '../validate-node-spec';
import { NodeStateStore, type ProcessNodeState } from './node-state-store';
import { NoProcessLimits, type ProcessLimits } from './process-limits';
import { probeProcess } from './process-probe';
import { spawnDetached } from './spawn-detached';
import { signalGroup, waitUntilGone } from './terminate';

export interface ProcessNodeRuntimeOptions {
  cloud: string;
  jobServerPath: string;
  stateDir: string;
  nodeBinary?: string;
}

/** Nodes as detached `node <job server>` processes, found again through one state file per node. */
export class ProcessNodeRuntime implements NodeRuntime {
  readonly kind: RuntimeKind = 'process';
  private readonly cloud: string;
  private readonly jobServerPath: string;
  private readonly nodeBinary: string;
  private readonly store: NodeStateStore;
  private readonly limits: ProcessLimits = new NoProcessLimits();

  constructor(options: ProcessNodeRuntimeOptions) {
    assertValidId('cloud', options.cloud);
    this.cloud = options.cloud;
    this.jobServerPath = resolve(options.jobServerPath);
    this.nodeBinary = options.nodeBinary ?? process.execPath;
    this.store = new NodeStateStore(resolve(options.stateDir));
  }

  async create(spec: NodeSpec): Promise<RuntimeNode> {
    assertValidNodeSpec(spec);
    const { nodeId, pod, port, cpus, memoryMiB } = spec;
    const state: ProcessNodeState = { nodeId, pod, port, cpus, memoryMiB, cloud: this.cloud };
    if (!(await this.store.create(state))) throw new NodeAlreadyExistsError(nodeId);
    return this.toNode(state, 'created');
  }

  async start(nodeId: string): Promise<RuntimeNode> {
    const state = await this.require(nodeId);
    const current = await this.stateOf(state);
    if (current === 'running' || current === 'paused') return this.toNode(state, current);
    await this.assertJobServerPresent();
    const argv = await this.limits.wrap(state, [this.nodeBinary, this.jobServerPath, this.marker(nodeId)]);
    const env = {
      PATH: process.env['PATH'],
      PORT: String(state.port),
      HOST: NODE_HOST,
      NODE_ID: nodeId,
      POD_NAME: state.pod,
    };
    try {
      state.pid = await spawnDetached(argv, env, this.store.logPath(nodeId));
    } catch (error) {
      throw new RuntimeUnavailableError(`cannot start node ${nodeId} with ${argv[0]}: ${String(error)}`, {
        cause: error,
      });
    }
    await this.store.write(state);
    return this.toNode(state, 'running');
  }

  async stop(nodeId: string, timeoutMs = DEFAULT_STOP_TIMEOUT_MS): Promise<void> {
    const state = await this.require(nodeId);
    const isOurs = async (): Promise<boolean> => (await this.stateOf(state)) !== 'exited';
    if (state.pid === undefined || !(await isOurs())) return;
    signalGroup(state.pid, 'SIGTERM');
    // A stopped (paused) process only acts on SIGTERM once continued.
    signalGroup(state.pid, 'SIGCONT');
    if (!(await waitUntilGone(isOurs, timeoutMs))) {
      signalGroup(state.pid, 'SIGKILL');
      await waitUntilGone(isOurs, DEFAULT_STOP_TIMEOUT_MS);
    }
    await this.limits.release(nodeId);
  }

  async remove(nodeId: string): Promise<void> {
    await this.stop(nodeId);
    // Also after a crash, which stop() skips: the node's limits must not outlive it.
    await this.limits.release(nodeId);
    await this.store.remove(nodeId);
  }

  async inspect(nodeId: string): Promise<RuntimeNode | undefined> {
    assertValidId('node', nodeId);
    const state = await this.store.read(nodeId);
    if (state?.cloud !== this.cloud) return undefined;
    return this.toNode(state, await this.stateOf(state));
  }

  async list(): Promise<RuntimeNode[]> {
    const states = (await this.store.all()).filter((state) => state.cloud === this.cloud);
    return Promise.all(states.map(async (state) => this.toNode(state, await this.stateOf(state))));
  }

  async logs(nodeId: string, tailLines = DEFAULT_LOG_TAIL_LINES): Promise<string> {
    await this.require(nodeId);
    return tailFile(this.store.logPath(nodeId), tailLines);
  }

  private async require(nodeId: string): Promise<ProcessNodeState> {
    assertValidId('node', nodeId);
    const state = await this.store.read(nodeId);
    if (state?.cloud !== this.cloud) throw new NodeNotFoundError(nodeId);
    return state;
  }

  private async stateOf(state: ProcessNodeState): Promise<RuntimeNodeState> {
    if (state.pid === undefined) return 'created';
    const status = await probeProcess(state.pid, [this.jobServerPath, this.marker(state.nodeId)]);
    return status === 'gone' ? 'exited' : status;
  }

  /** An argument the job server ignores, naming the node so a recycled pid is never mistaken for it. */
  private marker(nodeId: string): string {
    return `--strato-node=${this.cloud}/${nodeId}`;
  }

  private async assertJobServerPresent(): Promise<void> {
    try {
      await access(this.jobServerPath);
    } catch (error) {
      throw new RuntimeUnavailableError(`job server ${this.jobServerPath} is missing: run npx nx build job`, {
        cause: error,
      });
    }
  }

  private toNode(state: ProcessNodeState, nodeState: RuntimeNodeState): RuntimeNode {
    return {
      nodeId: state.nodeId,
      pod: state.pod,
      port: state.port,
      host: NODE_HOST,
      state: nodeState,
      runtime: this.kind,
      limitsEnforced: this.limits.enforced,
    };
  }
}
