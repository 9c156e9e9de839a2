import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { NodeExitReport, ScriptInterpreter } from '@strato/contracts';
import type { NodeRuntime, RuntimeCapacity, RuntimeEvent } from '@strato/runtime';
import { AgentCredential } from '../auth/agent-credential';
import { AGENT_CONFIG, type AgentConfig } from '../config/agent-config';
import { AgentCapacity, sameCapacity } from '../nodes/agent-capacity';
import { NODE_RUNTIME } from '../nodes/node-runtime.provider';
import { ManagerCallError, ManagerClient } from './manager-client';

const RETRY_MS = 1000;
/** A revoked agent asks again this seldom: the owner readmits it by hand. */
const REVOKED_RETRY_MS = 10_000;

/**
 * The agent's side of the control path: joins the manager (retrying until it answers) with the join token,
 * or registers again with its own credential once it has one; heartbeats; and reports node exits and OOM
 * kills the moment the runtime sees them. A credential the manager no longer takes (401) is dropped and the
 * agent joins again; a revoked agent (403 to its join) waits for the owner to readmit it.
 */
@Injectable()
export class ManagerLink implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ManagerLink.name);
  private readonly client: ManagerClient | undefined;
  private pending: NodeExitReport[] = [];
  private registered = false;
  /** What the last registration offered: a change (a host joined the swarm) is registered again. */
  private offered: RuntimeCapacity | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    @Inject(NODE_RUNTIME) private readonly runtime: NodeRuntime,
    private readonly credential: AgentCredential,
    private readonly capacity: AgentCapacity,
  ) {
    this.client = config.managerUrl
      ? new ManagerClient(config.managerUrl, () => this.credential.value ?? config.token)
      : undefined;
  }

  onApplicationBootstrap(): void {
    if (!this.client) return;
    this.unsubscribe = this.runtime.subscribe((event) => this.onRuntimeEvent(event));
    this.schedule(0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribe?.();
  }

  private onRuntimeEvent(event: RuntimeEvent): void {
    if (event.type !== 'exited') return;
    const { nodeId, incarnation, pod, exitCode, signal, oomKilled, at } = event;
    this.pending.push({ type: 'exited', nodeId, incarnation, pod, exitCode, signal, oomKilled, at });
    void this.flush();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    try {
      const capacity = await this.capacity.current();
      if (!this.registered || !this.offered || !sameCapacity(capacity, this.offered)) {
        await this.register(capacity);
      } else await this.client?.heartbeat(this.config.agentId);
      await this.flush();
      this.schedule(this.config.heartbeatMs);
    } catch (error) {
      const status = error instanceof ManagerCallError ? error.status : 0;
      // A manager that forgot us (404) gets a fresh registration; one that no longer takes our credential
      // (401), a join with the join token; an unreachable one, a retry.
      if (status === 404 || status === 401) this.registered = false;
      if (status === 401 && this.credential.value !== undefined) {
        this.credential.forget();
        this.logger.warn(
          'the manager no longer takes this agent’s credential: joining again with the join token',
        );
        this.schedule(0);
        return;
      }
      if (status === 403 && !this.registered) {
        this.logger.warn(
          `the manager refuses this agent (${this.config.agentId}): ${(error as Error).message}; asking again in ${REVOKED_RETRY_MS / 1000} s`,
        );
        this.schedule(REVOKED_RETRY_MS);
        return;
      }
      this.logger.warn((error as Error).message);
      this.schedule(this.registered ? this.config.heartbeatMs : RETRY_MS);
    }
  }

  private async register(capacity: RuntimeCapacity): Promise<void> {
    if (!this.client) return;
    const joining = this.credential.value === undefined;
    const changed = this.registered && this.offered !== undefined;
    const answer = await this.client.register({
      id: this.config.agentId,
      url: this.config.publicUrl,
      runtime: this.runtime.kind,
      cores: capacity.cores,
      memoryBytes: capacity.memoryBytes,
      interpreters: await this.interpreters(),
      labels: this.config.labels,
      nodePorts: this.config.portRange.last - this.config.portRange.first + 1,
      nodeAddress: this.config.nodeAddress,
    });
    this.credential.joined(answer.credential);
    this.registered = true;
    this.offered = capacity;
    this.logger.log(
      `${joining ? 'joined' : changed ? `offering ${offerText(capacity)} now, registered again with` : 'registered again with'} the manager at ${this.config.managerUrl} as ${this.config.agentId}${joining ? ' (own credential kept in the state dir, mode 0600)' : ''}`,
    );
  }

  /** Unknown when the runtime cannot tell: the agent still registers, counted as not saying which it has. */
  private async interpreters(): Promise<ScriptInterpreter[] | undefined> {
    try {
      return await this.runtime.interpreters();
    } catch (error) {
      this.logger.warn(`registering without the nodes' interpreters: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async flush(): Promise<void> {
    if (!this.registered || this.pending.length === 0 || !this.client) return;
    const batch = this.pending;
    this.pending = [];
    try {
      await this.client.reportExits(this.config.agentId, batch);
    } catch (error) {
      this.pending = [...batch, ...this.pending];
      this.logger.warn(
        `could not report ${batch.length} node exit(s), will retry: ${(error as Error).message}`,
      );
    }
  }
}

const offerText = ({ cores, memoryBytes, hosts }: RuntimeCapacity): string =>
  `${cores} cores and ${Math.round(memoryBytes / 2 ** 20)} MiB on ${hosts} host${hosts === 1 ? '' : 's'}`;
