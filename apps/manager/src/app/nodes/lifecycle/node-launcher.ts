import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Placed } from '../../agents/placement/placement';
import type { KnownAgent } from '../../agents/registry/agent-registry';
import { MANAGER_CONFIG, type ManagerConfig } from '../../config/manager-config';
import { DomainError } from '../../errors/domain-error';
import { NodeStartFailedError } from '../../errors/domain-errors';
import { EventBus } from '../../events/event-bus';
import { LOAD_BALANCER, type LoadBalancer } from '../../lb/load-balancer';
import type { NodeRecord } from '../../store/nodes.repository';
import { type PodRecord, PodsRepository } from '../../store/pods.repository';
import { NodeHealthProbe } from './node-health-probe';
import { NodeRemovedWhileLaunchingError } from './node-lifecycle.errors';
import { NodeLimitsRecorder, reportedLimits } from './node-limits-recorder';
import { NodeStateMachine } from './node-state-machine';
import { balancedServerOf } from '../../lb/balanced-records';

/**
 * One launch of one incarnation (the caller holds the node's lock and moved it to STARTING): the agent
 * creates and starts it, its own /health answers, then (and only then) the load balancer gets it and it
 * is ONLINE — or, for a warm node (`standby`), STANDBY: ready, out of the load balancer until promoted.
 * A failure leaves it FAILED with the reason; a removal (signal) undoes the launch and leaves the node
 * STARTING for the remover, which is waiting for the lock.
 */
@Injectable()
export class NodeLauncher {
  private readonly logger = new Logger(NodeLauncher.name);

  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly pods: PodsRepository,
    private readonly machine: NodeStateMachine,
    private readonly probe: NodeHealthProbe,
    private readonly events: EventBus,
    private readonly limits: NodeLimitsRecorder,
  ) {}

  async run(
    starting: NodeRecord,
    pod: PodRecord,
    placed: Placed,
    signal: AbortSignal,
    standby = false,
  ): Promise<NodeRecord> {
    const started = Date.now();
    const { name, incarnation } = starting;
    const { agent } = placed;
    // Recorded before the agent is asked: a placement meanwhile counts this node on its host.
    let node = this.machine.move(starting, 'STARTING', { agent: agent.record.id });
    let joined = false;
    this.events.publish({
      type: 'NodeStarting',
      pod: pod.name,
      node: name,
      message: `starting node ${name} (incarnation ${incarnation}) on agent ${agent.record.id}: ${placed.reason}`,
    });
    try {
      const created = await agent.client.createNode({
        nodeId: name,
        incarnation,
        pod: pod.name,
        cpus: pod.cpus,
        memoryMiB: pod.memoryMiB,
      });
      node = this.machine.move(node, 'STARTING', {
        agent: agent.record.id,
        host: created.host,
        port: created.port,
        limits: reportedLimits(created),
      });
      this.limits.announce(node);
      stopIfRemoved(signal, name);
      const timeout = this.config.healthTimeoutMs;
      // Readiness, not liveness: the job threads are up, so the first request routed to it runs at once.
      const url = `http://${created.host}:${created.port}/ready`;
      const health = await this.probe.waitHealthy(url, name, timeout, signal);
      stopIfRemoved(signal, name);
      if (!health.healthy) {
        throw new NodeStartFailedError(name, `no healthy answer within ${timeout} ms (${health.lastError})`);
      }
      if (standby) return this.readyAsStandby(node, started);
      joined = true;
      await this.lb.addServer(
        pod.name,
        balancedServerOf({ ...node, host: created.host, port: created.port }, pod),
      );
      stopIfRemoved(signal, name);
      // Read with the move, in one synchronous step: a pause cannot slip in between.
      const paused = this.pods.find(pod.name)?.state === 'paused';
      const online = this.machine.move(node, paused ? 'PAUSED' : 'ONLINE', { reason: null });
      this.events.publish({
        type: 'NodeOnline',
        pod: pod.name,
        node: name,
        message: `node ${name} ${paused ? 'ready (pod paused)' : 'online'} at ${created.host}:${created.port} after ${Date.now() - started} ms`,
      });
      return online;
    } catch (error) {
      await this.undo(pod.name, name, incarnation, agent, joined);
      if (signal.aborted) throw new NodeRemovedWhileLaunchingError(name);
      const reason = (error as Error).message;
      this.failIfStill(node, reason, pod.name);
      throw error instanceof DomainError ? error : new NodeStartFailedError(name, reason);
    }
  }

  private readyAsStandby(node: NodeRecord, started: number): NodeRecord {
    const standby = this.machine.move(node, 'STANDBY', { reason: null });
    this.events.publish({
      type: 'NodeStandby',
      pod: node.pod,
      node: node.name,
      message: `node ${node.name} ready as a warm node after ${Date.now() - started} ms, out of the load balancer until a scale-out`,
    });
    return standby;
  }

  /** A warm node joins the load balancer (the caller holds its lock): ONLINE, or PAUSED in a paused pod. */
  async promote(node: NodeRecord, pod: PodRecord): Promise<NodeRecord> {
    const started = Date.now();
    if (!node.host || !node.port) throw new NodeStartFailedError(node.name, 'a warm node without an address');
    await this.lb.addServer(pod.name, balancedServerOf({ ...node, host: node.host, port: node.port }, pod));
    const paused = this.pods.find(pod.name)?.state === 'paused';
    const online = this.machine.move(node, paused ? 'PAUSED' : 'ONLINE');
    this.events.publish({
      type: 'NodeOnline',
      pod: pod.name,
      node: node.name,
      message: `warm node ${node.name} ${paused ? 'ready (pod paused)' : 'online'} at ${node.host}:${node.port} after ${Date.now() - started} ms`,
    });
    return online;
  }

  private async undo(pod: string, name: string, incarnation: number, agent: KnownAgent, joined: boolean) {
    if (joined) {
      await this.lb
        .removeServer(pod, name)
        .catch((error: Error) => this.logger.warn(`undoing ${name} in the load balancer: ${error.message}`));
    }
    await agent.client
      .removeNode(name, incarnation)
      .catch((error: Error) => this.logger.warn(`cleanup of ${name}: ${error.message}`));
  }

  private failIfStill(node: NodeRecord, reason: string, pod: string): void {
    try {
      this.machine.move(node, 'FAILED', { reason });
      this.events.publish({ type: 'NodeFailed', pod, node: node.name, message: `${node.name}: ${reason}` });
    } catch (conflict) {
      this.logger.warn(`${node.name}: launch failed (${reason}) and ${(conflict as Error).message}`);
    }
  }
}

function stopIfRemoved(signal: AbortSignal, name: string): void {
  if (signal.aborted) throw new NodeRemovedWhileLaunchingError(name);
}
