import { Inject, Injectable, Logger } from '@nestjs/common';
import { defaultPodJob } from '@strato/contracts';
import { AgentRegistry } from '../agents/registry/agent-registry';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { EventBus } from '../events/event-bus';
import { type BalancedServer, LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { NodeFailure } from '../nodes/lifecycle/node-failure';
import { NodeLifecycle } from '../nodes/lifecycle/node-lifecycle';
import { NodeLimitsRecorder } from '../nodes/lifecycle/node-limits-recorder';
import { NodeStateMachine } from '../nodes/lifecycle/node-state-machine';
import { type NodeRecord, NodesRepository } from '../store/nodes.repository';
import { PodsRepository } from '../store/pods.repository';
import { runsAsRecorded, runtimeOf, serverOf, type WorldView } from './actual-state';
import { balancedServerOf } from '../lb/balanced-records';

const SERVING = new Set(['ONLINE', 'PAUSED']);

const agentIsSilent = (node: NodeRecord, world: WorldView) =>
  node.agent !== null && world.silentAgents.has(node.agent);

/**
 * What one node needs to match its record, judged from the three views, and the repair that gets it
 * there. Level-triggered: it does not matter what happened, only what is; a node another operation
 * holds is skipped until the next pass. Long repairs (a relaunch, a drain) run in the background.
 */
@Injectable()
export class NodeConvergence {
  private readonly logger = new Logger(NodeConvergence.name);

  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly agents: AgentRegistry,
    private readonly pods: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly lifecycle: NodeLifecycle,
    private readonly failure: NodeFailure,
    private readonly machine: NodeStateMachine,
    private readonly events: EventBus,
    private readonly limits: NodeLimitsRecorder,
  ) {}

  /** `node` as the pass's snapshot has it; a node that changed since is left for the next pass. */
  async converge(node: NodeRecord, world: WorldView): Promise<void> {
    if (this.lifecycle.isBusy(node.name) || !this.unchangedSince(node)) return;
    if (node.status === 'STARTING') return this.background(node, this.finishLaunch(node));
    if (node.status === 'DRAINING') {
      return this.background(
        node,
        this.lifecycle.remove(node.name, undefined, 'finishing an interrupted removal'),
      );
    }
    if (SERVING.has(node.status) && agentIsSilent(node, world)) return this.repair(node, (c) => this.lose(c));
    if (SERVING.has(node.status)) return this.convergeServing(node, world);
    if (node.status === 'UNKNOWN') return this.convergeUnknown(node, world);
    if (node.status === 'STANDBY') await this.convergeStandby(node, world);
    // NEW, STANDBY and FAILED: nothing of theirs may serve (a promotion a crash cut short, say).
    if (serverOf(world, node))
      await this.repair(node, (current) => this.dropServer(current, 'it does not serve'));
  }

  private async convergeServing(node: NodeRecord, world: WorldView): Promise<void> {
    const runtime = runtimeOf(world, node);
    if (runtime === null) return; // its agent did not answer: nothing is known
    if (!runtime || !runsAsRecorded(runtime, node)) {
      const reason = runtime
        ? `node stopped running (runtime state ${runtime.state}, incarnation ${runtime.incarnation ?? '?'})`
        : 'node vanished from its host';
      return this.repair(node, (current) => this.fail(current, reason));
    }
    this.limits.sync(node, runtime);
    if (!world.servers || !node.host || !node.port) return;
    const server = serverOf(world, node);
    const drift = !server
      ? 'missing from the load balancer'
      : server.health === 'maint'
        ? 'in maintenance in the load balancer'
        : server.weight !== node.weight
          ? `at weight ${server.weight} in the load balancer instead of ${node.weight}`
          : server.host !== node.host || server.port !== node.port
            ? `at ${server.host}:${server.port} in the load balancer instead of ${node.host}:${node.port}`
            : undefined;
    if (!drift) return;
    await this.repair(node, async (current) => {
      if (!SERVING.has(current.status) || !current.host || !current.port) return;
      await this.lb.addServer(current.pod, this.serverOf(current, current.host, current.port));
      this.events.publish({
        type: 'LoadBalancerRepaired',
        pod: current.pod,
        node: current.name,
        message: `${current.name} was ${drift}: put back with weight ${current.weight}`,
      });
    });
  }

  /** A warm node must run as recorded (its agent silent: nothing known, it serves nothing anyway). */
  private async convergeStandby(node: NodeRecord, world: WorldView): Promise<void> {
    const runtime = runtimeOf(world, node);
    if (runtime === null || agentIsSilent(node, world)) return;
    if (runtime && runsAsRecorded(runtime, node)) return this.limits.sync(node, runtime);
    const reason = runtime
      ? `warm node stopped running (runtime state ${runtime.state}, incarnation ${runtime.incarnation ?? '?'})`
      : 'warm node vanished from its host';
    await this.repair(node, async (current) => {
      if (current.status === 'STANDBY') await this.failure.record(current, reason);
    });
  }

  /** Its agent is back: serving again if it still runs the node as recorded, started again if not. */
  private async convergeUnknown(node: NodeRecord, world: WorldView): Promise<void> {
    if (agentIsSilent(node, world)) {
      if (serverOf(world, node)) await this.repair(node, (c) => this.dropServer(c, 'its agent is silent'));
      return;
    }
    const runtime = runtimeOf(world, node);
    if (runtime === null) return; // heard from, but did not answer the list: next pass
    if (!runtime || !runsAsRecorded(runtime, node) || !node.host || !node.port) {
      const pod = this.pods.find(node.pod);
      if (!pod || !node.agent) return;
      const agent = this.agents.require(node.agent);
      this.events.publish({
        type: 'NodeRestarting',
        pod: node.pod,
        node: node.name,
        message: `agent ${node.agent} is back without ${node.name} (incarnation ${node.incarnation}): starting it again`,
      });
      return this.background(node, this.lifecycle.relaunch(node, pod, agent));
    }
    await this.repair(node, async (current) => {
      if (current.status !== 'UNKNOWN' || !current.host || !current.port) return;
      await this.lb.addServer(current.pod, this.serverOf(current, current.host, current.port));
      const paused = this.pods.find(current.pod)?.state === 'paused';
      this.machine.move(current, paused ? 'PAUSED' : 'ONLINE');
      this.events.publish({
        type: 'NodeBack',
        pod: current.pod,
        node: current.name,
        message: `agent ${current.agent} is back and still runs ${current.name}: ${paused ? 'PAUSED' : 'ONLINE'} again`,
      });
    });
  }

  /** The views were read after the records: a launch may have finished (or begun) in between. */
  private unchangedSince(snapshot: NodeRecord): boolean {
    const now = this.nodes.find(snapshot.name);
    return (
      now !== undefined &&
      now.updatedAt === snapshot.updatedAt &&
      now.status === snapshot.status &&
      now.incarnation === snapshot.incarnation
    );
  }

  /** Its agent went silent: nothing is known about the node, so it serves no request meanwhile. */
  private async lose(node: NodeRecord): Promise<void> {
    if (!SERVING.has(node.status)) return;
    this.machine.move(node, 'UNKNOWN', { reason: `agent ${node.agent} not heard from` });
    this.events.publish({
      type: 'NodeUnknown',
      pod: node.pod,
      node: node.name,
      message: `${node.name}: agent ${node.agent} has not been heard from for ${Math.round(this.config.agentTimeoutMs / 1000)} s; out of the load balancer until it is back`,
    });
    await this.lb.removeServer(node.pod, node.name);
  }

  /** A STARTING node nobody is launching: a crash interrupted its launch, which starts again. */
  private async finishLaunch(node: NodeRecord): Promise<unknown> {
    const pod = this.pods.find(node.pod);
    if (!pod) return;
    this.events.publish({
      type: 'NodeRestarting',
      pod: node.pod,
      node: node.name,
      message: `node ${node.name} was left STARTING (incarnation ${node.incarnation}) by an interrupted launch: starting it again`,
    });
    return this.lifecycle.relaunch(node, pod);
  }

  private async fail(node: NodeRecord, reason: string): Promise<void> {
    if (SERVING.has(node.status)) await this.failure.record(node, reason);
  }

  private async dropServer(node: NodeRecord, why: string): Promise<void> {
    if (SERVING.has(node.status)) return;
    await this.lb.removeServer(node.pod, node.name);
    this.events.publish({
      type: 'LoadBalancerRepaired',
      pod: node.pod,
      node: node.name,
      message: `${node.name} is ${node.status} but was in the load balancer: taken out (${why})`,
    });
  }

  private serverOf(node: NodeRecord, host: string, port: number): BalancedServer {
    return balancedServerOf(
      { ...node, host, port },
      this.pods.find(node.pod) ?? { cpus: 0, job: defaultPodJob(node.pod) },
    );
  }

  private async repair(node: NodeRecord, fix: (current: NodeRecord) => Promise<void>): Promise<void> {
    await this.lifecycle
      .repairIfIdle(node.name, (current) =>
        current.incarnation === node.incarnation ? fix(current) : Promise.resolve(),
      )
      .catch((error: Error) => this.logger.warn(`repairing ${node.name}: ${error.message}`));
  }

  private background(node: NodeRecord, work: Promise<unknown>): void {
    work.catch((error: Error) => this.logger.warn(`converging ${node.name}: ${error.message}`));
  }
}
