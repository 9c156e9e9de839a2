import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AgentRegistry } from '../agents/registry/agent-registry';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { EventBus } from '../events/event-bus';
import { type BalancedServer, LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { NodeLifecycle } from '../nodes/lifecycle/node-lifecycle';
import { type NodeRecord, NodesRepository } from '../store/nodes.repository';
import { type PodRecord, PodsRepository } from '../store/pods.repository';
import { type RuntimeView, runsAsRecorded, type WorldView, worldView } from './actual-state';
import { BootGate } from './boot-gate';
import { NodeConvergence } from './node-convergence';
import { OrphanSweeper } from './orphan-sweeper';
import { balancedPodOf, balancedServerOf } from '../lb/balanced-records';

const SERVING = new Set(['ONLINE', 'PAUSED']);

/**
 * The control loop: compares the store, every agent's runtime and the load balancer's servers, and
 * converges them. At boot the load balancer starts from the store (every serving node that still runs);
 * then every pass finishes or undoes what a crash interrupted (STARTING, DRAINING), fails serving nodes
 * whose runtime is gone, puts back load-balancer servers that drifted, takes out phantom ones, and removes
 * (or adopts) runtime nodes no record claims. Agents that do not answer are left alone.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private passRunning = false;
  private lastPass: { at: Date; ms: number } | undefined;

  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly agents: AgentRegistry,
    private readonly pods: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly events: EventBus,
    private readonly lifecycle: NodeLifecycle,
    private readonly convergence: NodeConvergence,
    private readonly orphans: OrphanSweeper,
    private readonly gate: BootGate,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const runtimes = await this.runtimes();
    const pods = this.pods.list();
    const servers = new Map<string, BalancedServer[]>(pods.map((pod) => [pod.name, []]));
    for (const node of this.nodes.list()) {
      if (!SERVING.has(node.status) || !node.host || !node.port) continue;
      const reported = node.agent ? runtimes.get(node.agent) : undefined;
      const runtime = reported?.find((r) => r.nodeId === node.name);
      if (!reported || (runtime && runsAsRecorded(runtime, node))) {
        const pod = pods.find((p) => p.name === node.pod);
        if (pod)
          servers.get(pod.name)?.push(balancedServerOf({ ...node, host: node.host, port: node.port }, pod));
      }
    }
    await this.lb.start(pods.map(balancedPodOf), servers);
    this.gate.open();
    this.restartStopped(runtimes).catch((error: Error) =>
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

  /** How long the last full pass took, in ms (undefined before the first). */
  get lastPassDurationMs(): number | undefined {
    return this.lastPass?.ms;
  }

  status(): { intervalMs: number; lastPassAt: string | null; lastPassMs: number | null } {
    return {
      intervalMs: this.config.reconcileIntervalMs,
      lastPassAt: this.lastPass?.at.toISOString() ?? null,
      lastPassMs: this.lastPass ? Math.round(this.lastPass.ms * 100) / 100 : null,
    };
  }

  /**
   * An agent (re)registered: it may have come back after its nodes stopped (a clean `npm start`
   * shutdown stops them), so its serving nodes that do not run are started again.
   */
  async agentRegistered(agentId: string): Promise<void> {
    try {
      const runtimes = await this.runtimes();
      if (runtimes.has(agentId)) await this.restartStopped(new Map([[agentId, runtimes.get(agentId) ?? []]]));
    } catch (error) {
      this.logger.error(`converging agent ${agentId} failed: ${(error as Error).message}`);
    }
  }

  /** Gives the load balancer a path and backend for a pod the store just got. */
  async ensurePod(pod: PodRecord): Promise<void> {
    await this.lb.upsertPod(balancedPodOf(pod));
  }

  /** One convergence pass; never throws (a background loop must not crash the process). */
  async pass(): Promise<void> {
    if (this.passRunning) return;
    this.passRunning = true;
    const started = performance.now();
    try {
      // Records first: a node serving in this snapshot was placed before the agents are asked.
      const records = this.nodes.list();
      const silent = new Set(
        this.agents
          .records()
          .filter((agent) => !this.agents.isReachable(agent))
          .map((agent) => agent.id),
      );
      const runtimes = await this.runtimes();
      const servers = await this.lb.status().catch((error: Error) => {
        this.logger.warn(`load balancer status unavailable, will retry: ${error.message}`);
        return undefined;
      });
      const world = worldView(runtimes, servers, silent);
      for (const node of records) await this.convergence.converge(node, world);
      await this.removePhantoms(records, world);
      await this.orphans.sweep(world.runtimes, new Map(records.map((node) => [node.name, node.agent])));
      this.lastPass = { at: new Date(), ms: performance.now() - started };
    } catch (error) {
      this.logger.error(`reconcile pass failed: ${(error as Error).message}`);
    } finally {
      this.passRunning = false;
    }
  }

  /** Servers in the load balancer that no serving node claims (a failed join, a node removed by hand). */
  private async removePhantoms(records: NodeRecord[], world: WorldView): Promise<void> {
    const byName = new Map(records.map((node) => [node.name, node]));
    for (const server of world.servers ?? []) {
      const node = byName.get(server.nodeId);
      if (node && (node.pod !== server.pod || !SERVING.has(node.status))) continue; // converge() handles it
      if (node || this.lifecycle.isBusy(server.nodeId) || this.nodes.find(server.nodeId)) continue;
      await this.lb
        .removeServer(server.pod, server.nodeId)
        .then(() =>
          this.events.publish({
            type: 'LoadBalancerRepaired',
            pod: server.pod,
            node: server.nodeId,
            message: `removed phantom server ${server.nodeId} from pod ${server.pod}: no node record claims it`,
          }),
        )
        .catch((error: Error) => this.logger.warn(`phantom ${server.nodeId}: ${error.message}`));
    }
  }

  private async restartStopped(runtimes: RuntimeView): Promise<void> {
    await this.orphans.sweep(runtimes);
    for (const node of this.nodes.list()) {
      if (!(SERVING.has(node.status) || node.status === 'STARTING') || this.lifecycle.isBusy(node.name))
        continue;
      const agent = node.agent ? this.agents.get(node.agent) : undefined;
      const reported = agent && runtimes.get(agent.record.id);
      const runtime = reported?.find((r) => r.nodeId === node.name);
      const pod = this.pods.find(node.pod);
      if (!agent || !reported || (runtime && runsAsRecorded(runtime, node)) || !pod) continue;
      this.events.publish({
        type: 'NodeRestarting',
        pod: pod.name,
        node: node.name,
        message: `node ${node.name} was ${node.status} but is not running: starting it again`,
      });
      await this.lifecycle
        .relaunch(node, pod, agent)
        .catch((error: Error) => this.logger.warn(error.message));
    }
  }

  private async runtimes(): Promise<RuntimeView> {
    const runtimes: RuntimeView = new Map();
    await Promise.all(
      this.agents.list().map(async ({ record, client }) => {
        // A silent agent is not asked: a host cut off answers nothing, and the pass would wait for it.
        if (!this.agents.isReachable(record)) return;
        try {
          runtimes.set(record.id, await client.listNodes());
        } catch (error) {
          this.logger.warn(`agent ${record.id} unreachable, will retry: ${(error as Error).message}`);
        }
      }),
    );
    return runtimes;
  }
}
