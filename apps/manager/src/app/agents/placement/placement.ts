import { Inject, Injectable } from '@nestjs/common';
import type { NodeStatus } from '@strato/contracts';
import { MANAGER_CONFIG, type ManagerConfig } from '../../config/manager-config';
import { NoAgentError, NoReachableAgentError, NoRoomForNodeError } from '../../errors/domain-errors';
import { type NodeRecord, NodesRepository } from '../../store/nodes.repository';
import { type PodRecord, PodsRepository } from '../../store/pods.repository';
import { AgentRegistry, type KnownAgent } from '../registry/agent-registry';
import type { AgentRecord } from '../registry/agents.repository';
import { type HostRoom, placeNode } from './place-node';

/** Statuses whose node holds its host's room: it runs there, or is being started or taken down there. */
const HOLDING_STATUSES: readonly NodeStatus[] = [
  'STARTING',
  'STANDBY',
  'ONLINE',
  'PAUSED',
  'DRAINING',
  'UNKNOWN',
];
const HOLDING: ReadonlySet<NodeStatus> = new Set(HOLDING_STATUSES);

export interface Placed {
  agent: KnownAgent;
  reason: string;
}

export type Reservation = HostRoom['reserved'];

/**
 * Chooses the host of each new node from the store as it is now (agents' capacity and labels, the nodes
 * already placed, the pod's placement). Callers record the choice on the node before anything else runs,
 * so the next placement sees it: every read and write here is synchronous.
 */
@Injectable()
export class Placement {
  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    private readonly agents: AgentRegistry,
    private readonly nodes: NodesRepository,
    private readonly pods: PodsRepository,
  ) {}

  /**
   * Where one more node of `pod` goes, as if the `leaving` nodes were gone already: NoAgentError,
   * NoReachableAgentError when every agent is silent, or NoRoomForNodeError with each host's refusal.
   */
  place(pod: PodRecord, leaving: readonly NodeRecord[] = []): Placed {
    const records = this.agents.records();
    if (records.length === 0) throw new NoAgentError();
    if (!records.some((record) => this.agents.isReachable(record)))
      throw new NoReachableAgentError(
        records.map((record) => record.id),
        this.config.agentTimeoutMs,
      );
    const rooms = this.rooms(records, pod.name, new Set(leaving.map((node) => node.name)));
    const decision = placeNode(rooms, {
      pod: pod.name,
      cpus: pod.cpus,
      memoryMiB: pod.memoryMiB,
      placement: pod.placement,
      overcommit: this.config.overcommit,
    });
    if (decision.host === undefined) throw new NoRoomForNodeError(pod.name, decision.reason);
    return { agent: this.agents.require(decision.host), reason: decision.reason };
  }

  /** What the nodes placed on each agent reserve now (but `leaving`, about to be removed). */
  reservations(leaving: ReadonlySet<string> = new Set()): Map<string, Reservation> {
    return this.tally(leaving).reserved;
  }

  private rooms(records: AgentRecord[], pod: string, leaving: ReadonlySet<string>): HostRoom[] {
    const { reserved, podNodes } = this.tally(leaving, pod);
    return records.map((record) => ({
      id: record.id,
      reachable: this.agents.isReachable(record),
      labels: record.labels,
      cpus: record.cores,
      memoryMiB: record.memoryBytes / 2 ** 20,
      nodePorts: record.nodePorts,
      reserved: reserved.get(record.id) ?? { nodes: 0, cpus: 0, memoryMiB: 0 },
      podNodes: podNodes.get(record.id) ?? 0,
    }));
  }

  /** Per agent, what its nodes reserve, and how many of them are `pod`'s: counted by the store. */
  private tally(leaving: ReadonlySet<string>, pod?: string) {
    const counts = new Map<string, Map<string, number>>();
    const add = (agent: string, podName: string, n: number) => {
      const perPod = counts.get(agent) ?? new Map<string, number>();
      perPod.set(podName, (perPod.get(podName) ?? 0) + n);
      counts.set(agent, perPod);
    };
    for (const row of this.nodes.countPlaced(HOLDING_STATUSES)) add(row.agent, row.pod, row.count);
    for (const name of leaving) {
      const node = this.nodes.find(name);
      if (node?.agent && HOLDING.has(node.status)) add(node.agent, node.pod, -1);
    }
    const sizes = new Map(this.pods.list().map((p) => [p.name, p]));
    const reserved = new Map<string, Reservation>();
    const podNodes = new Map<string, number>();
    for (const [agent, perPod] of counts) {
      const entry = { nodes: 0, cpus: 0, memoryMiB: 0 };
      for (const [podName, n] of perPod) {
        const size = sizes.get(podName);
        entry.nodes += n;
        entry.cpus += n * (size?.cpus ?? 0);
        entry.memoryMiB += n * (size?.memoryMiB ?? 0);
      }
      reserved.set(agent, entry);
      if (pod !== undefined && perPod.has(pod)) podNodes.set(agent, perPod.get(pod) ?? 0);
    }
    return { reserved, podNodes };
  }
}
