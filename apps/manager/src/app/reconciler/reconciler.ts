import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AgentNodeView } from '@strato/contracts';
import { AgentRegistry, type KnownAgent } from '../agents/agent-registry';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { EventsRepository } from '../events/events.repository';
import { type BalancedServer, LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { type NodeRecord, NodesRepository } from '../nodes/nodes.repository';
import { type PodRecord, PodsRepository } from '../pods/pods.repository';
import { NodeLauncher } from './node-launcher';

/** Statuses of nodes that should be running: in rotation, or held out of it by a paused pod. */
const SERVING = new Set(['ONLINE', 'PAUSED']);

/** What each reachable agent runs right now; agents that did not answer are absent. */
type ActualState = Map<string, AgentNodeView[]>;

/**
 * Makes actual state follow desired state. At boot: the load balancer gets every ONLINE node that still
 * runs, and ONLINE nodes that no longer run are started again (a clean `npm start` shutdown stops them).
 * Afterwards, on every pass: an ONLINE node whose process or container is gone becomes FAILED and leaves
 * the load balancer; a runtime node no record claims is removed. Agents that do not answer are left alone.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private passRunning = false;

  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly agents: AgentRegistry,
    private readonly pods: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly events: EventsRepository,
    private readonly launcher: NodeLauncher,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const actual = await this.actualState();
    const pods = this.pods.list();
    const servers = new Map<string, BalancedServer[]>(pods.map((pod) => [pod.name, []]));
    for (const node of this.nodes.list()) {
      if ((node.status !== 'ONLINE' && node.status !== 'PAUSED') || !node.host || !node.port) continue;
      const reported = node.agent ? actual.get(node.agent) : undefined;
      if (!reported || isRunning(reported, node.name)) {
        servers
          .get(node.pod)
          ?.push({ nodeId: node.name, host: node.host, port: node.port, weight: node.weight });
      }
    }
    await this.lb.start(
      pods.map((pod) => ({ name: pod.name, algorithm: pod.algorithm, paused: pod.state === 'paused' })),
      servers,
    );
    this.restartStopped(actual).catch((error: Error) =>
      this.logger.error(`restart after boot failed: ${error.message}`),
    );
    this.scheduler.addInterval(
      'reconcile',
      setInterval(() => void this.pass(), this.config.reconcileIntervalMs),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('interval', 'reconcile')) this.scheduler.deleteInterval('reconcile');
    await (this.config.lbOnExit === 'keep' ? this.lb.detach() : this.lb.stop());
  }

  /**
   * An agent (re)registered: it may have come back after its nodes stopped (a clean `npm start`
   * shutdown stops them), so its ONLINE nodes that do not run are started again.
   */
  async agentRegistered(agentId: string): Promise<void> {
    try {
      const actual = await this.actualState();
      if (actual.has(agentId)) await this.restartStopped(new Map([[agentId, actual.get(agentId) ?? []]]));
    } catch (error) {
      this.logger.error(`converging agent ${agentId} failed: ${(error as Error).message}`);
    }
  }

  /** Gives the load balancer a path and backend for a pod the store just got. */
  async ensurePod(pod: PodRecord): Promise<void> {
    await this.lb.upsertPod({ name: pod.name, algorithm: pod.algorithm, paused: pod.state === 'paused' });
  }

  /** One convergence pass; never throws (a background loop must not crash the process). */
  async pass(): Promise<void> {
    if (this.passRunning) return;
    this.passRunning = true;
    try {
      // Records first: a node ONLINE in this snapshot was created before the agents are asked.
      const records = this.nodes.list();
      const actual = await this.actualState();
      for (const node of records) {
        const reported = node.agent ? actual.get(node.agent) : undefined;
        if (
          SERVING.has(node.status) &&
          reported &&
          !this.launcher.isLaunching(node.name) &&
          !isRunning(reported, node.name)
        ) {
          await this.markFailed(
            node,
            reported.find((a) => a.nodeId === node.name),
          );
        }
      }
      await this.removeOrphans(actual);
    } catch (error) {
      this.logger.error(`reconcile pass failed: ${(error as Error).message}`);
    } finally {
      this.passRunning = false;
    }
  }

  private async restartStopped(actual: ActualState): Promise<void> {
    await this.removeOrphans(actual);
    for (const node of this.nodes.list()) {
      if (!(SERVING.has(node.status) || node.status === 'STARTING') || this.launcher.isLaunching(node.name))
        continue;
      const agent = node.agent ? this.agents.get(node.agent) : undefined;
      const reported = agent && actual.get(agent.record.id);
      const pod = this.pods.find(node.pod);
      if (!agent || !reported || isRunning(reported, node.name) || !pod) continue;
      this.events.append({
        type: 'NodeRestarting',
        pod: pod.name,
        node: node.name,
        message: `node ${node.name} was ${node.status} but is not running: starting it again`,
      });
      await agent.client.removeNode(node.name).catch(() => undefined);
      await this.launcher
        .bringOnline(node, pod, agent)
        .catch((error: Error) => this.logger.warn(error.message));
    }
  }

  private async markFailed(node: NodeRecord, actual: AgentNodeView | undefined): Promise<void> {
    const reason = actual
      ? `node stopped running (runtime state ${actual.state})`
      : 'node vanished from its host';
    await this.lb.removeServer(node.pod, node.name).catch((error: Error) => this.logger.warn(error.message));
    this.nodes.update(node.name, { status: 'FAILED', reason });
    this.events.append({
      type: 'NodeFailed',
      pod: node.pod,
      node: node.name,
      message: `${node.name}: ${reason}`,
    });
  }

  /** Nodes that run on an agent but that no record places there: removed, or adopted if so configured. */
  private async removeOrphans(actual: ActualState): Promise<void> {
    for (const [agentId, reported] of actual) {
      const agent = this.agents.get(agentId) as KnownAgent;
      for (const runtimeNode of reported) {
        const record = this.nodes.find(runtimeNode.nodeId);
        if ((record && record.agent === agentId) || this.launcher.isLaunching(runtimeNode.nodeId)) continue;
        if (!record && (await this.adopt(agentId, runtimeNode))) continue;
        await agent.client
          .removeNode(runtimeNode.nodeId)
          .catch((error: Error) => this.logger.warn(error.message));
        this.events.append({
          type: 'OrphanRemoved',
          pod: runtimeNode.pod,
          message: `removed ${runtimeNode.nodeId} from agent ${agentId}: it runs there but no node record places it there`,
        });
      }
    }
  }

  private async adopt(agentId: string, node: AgentNodeView): Promise<boolean> {
    const pod = this.pods.find(node.pod);
    if (this.config.orphanPolicy !== 'adopt' || !pod || node.state !== 'running') return false;
    if (
      !this.nodes.insertAdopted({
        name: node.nodeId,
        pod: pod.name,
        agent: agentId,
        host: node.host,
        port: node.port,
      })
    ) {
      return false;
    }
    await this.lb.addServer(pod.name, { nodeId: node.nodeId, host: node.host, port: node.port, weight: 1 });
    this.events.append({
      type: 'OrphanAdopted',
      pod: pod.name,
      node: node.nodeId,
      message: `adopted ${node.nodeId}, found running on agent ${agentId} with no record, into pod ${pod.name}`,
    });
    return true;
  }

  private async actualState(): Promise<ActualState> {
    const actual: ActualState = new Map();
    await Promise.all(
      this.agents.list().map(async ({ record, client }) => {
        try {
          actual.set(record.id, await client.listNodes());
        } catch (error) {
          this.logger.warn(`agent ${record.id} unreachable, will retry: ${(error as Error).message}`);
        }
      }),
    );
    return actual;
  }
}

function isRunning(reported: AgentNodeView[], nodeId: string): boolean {
  return reported.some((node) => node.nodeId === nodeId && node.state === 'running');
}
