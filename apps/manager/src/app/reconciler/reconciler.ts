import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AgentNodeView } from '@strato/contracts';
import { AGENT_CLIENT, type AgentClient } from '../agents/agent-client';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { EventsRepository } from '../events/events.repository';
import { type BalancedServer, LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { type NodeRecord, NodesRepository } from '../nodes/nodes.repository';
import { type PodRecord, PodsRepository } from '../pods/pods.repository';
import { NodeLauncher } from './node-launcher';

const SERVING = new Set(['ONLINE', 'STARTING']);

/**
 * Makes actual state follow desired state. At boot: the load balancer gets every ONLINE node that still
 * runs, and ONLINE nodes that no longer run are started again (a clean `npm start` shutdown stops them).
 * Afterwards, on every pass: an ONLINE node whose process or container is gone becomes FAILED and leaves
 * the load balancer; a runtime node with no record is removed.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private passRunning = false;

  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    @Inject(AGENT_CLIENT) private readonly agent: AgentClient,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly pods: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly events: EventsRepository,
    private readonly launcher: NodeLauncher,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const actual = await this.agentNodes();
    const pods = this.pods.list();
    const servers = new Map<string, BalancedServer[]>(pods.map((pod) => [pod.name, []]));
    for (const node of this.nodes.list()) {
      if (node.status === 'ONLINE' && node.host && node.port && (!actual || isRunning(actual, node.name))) {
        servers.get(node.pod)?.push({ nodeId: node.name, host: node.host, port: node.port, weight: 1 });
      }
    }
    await this.lb.start(
      pods.map((pod) => ({ name: pod.name, algorithm: pod.algorithm, paused: pod.state === 'paused' })),
      servers,
    );
    if (actual) void this.restartStopped(actual);
    this.scheduler.addInterval(
      'reconcile',
      setInterval(() => void this.pass(), this.config.reconcileIntervalMs),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('interval', 'reconcile')) this.scheduler.deleteInterval('reconcile');
    await this.lb.stop();
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
      // Records first: a node ONLINE in this snapshot was created before the agent is asked.
      const records = this.nodes.list();
      const actual = await this.agentNodes();
      if (!actual) return;
      for (const node of records) {
        if (
          node.status === 'ONLINE' &&
          !this.launcher.isLaunching(node.name) &&
          !isRunning(actual, node.name)
        ) {
          await this.markFailed(
            node,
            actual.find((a) => a.nodeId === node.name),
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

  private async restartStopped(actual: AgentNodeView[]): Promise<void> {
    await this.removeOrphans(actual);
    for (const node of this.nodes.list()) {
      if (!SERVING.has(node.status) || isRunning(actual, node.name) || this.launcher.isLaunching(node.name))
        continue;
      const pod = this.pods.find(node.pod);
      if (!pod) continue;
      this.events.append({
        type: 'NodeRestarting',
        pod: pod.name,
        node: node.name,
        message: `node ${node.name} was ${node.status} but is not running: starting it again`,
      });
      await this.agent.removeNode(node.name).catch(() => undefined);
      await this.launcher.bringOnline(node, pod).catch((error: Error) => this.logger.warn(error.message));
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

  private async removeOrphans(actual: AgentNodeView[]): Promise<void> {
    for (const runtimeNode of actual) {
      const record = this.nodes.find(runtimeNode.nodeId);
      if (record || this.launcher.isLaunching(runtimeNode.nodeId)) continue;
      await this.agent
        .removeNode(runtimeNode.nodeId)
        .catch((error: Error) => this.logger.warn(error.message));
      this.events.append({
        type: 'OrphanRemoved',
        pod: runtimeNode.pod,
        message: `removed ${runtimeNode.nodeId}: it runs but no node record names it`,
      });
    }
  }

  private async agentNodes(): Promise<AgentNodeView[] | undefined> {
    try {
      return await this.agent.listNodes();
    } catch (error) {
      this.logger.warn(`agent unreachable, will retry: ${(error as Error).message}`);
      return undefined;
    }
  }
}

function isRunning(actual: AgentNodeView[], nodeId: string): boolean {
  return actual.some((node) => node.nodeId === nodeId && node.state === 'running');
}
