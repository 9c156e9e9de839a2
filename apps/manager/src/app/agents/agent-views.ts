import type { Placement } from './placement/placement';
import type { AgentRegistry } from './registry/agent-registry';
import type { AgentRecord } from './registry/agents.repository';

export interface AgentView extends AgentRecord {
  reachable: boolean;
  reserved: { nodes: number; cpus: number; memoryMiB: number };
}

/** Each agent as registered, with whether it is reachable and what its nodes reserve of it. */
export function agentViews(registry: AgentRegistry, placement: Placement): AgentView[] {
  const reservations = placement.reservations();
  return registry.records().map((record) => {
    const reserved = reservations.get(record.id) ?? { nodes: 0, cpus: 0, memoryMiB: 0 };
    return {
      ...record,
      reachable: registry.isReachable(record),
      reserved: { ...reserved, cpus: Math.round(reserved.cpus * 1000) / 1000 },
    };
  });
}
