import { Injectable, Logger } from '@nestjs/common';
import type { AgentNodeView, NodeStatsView } from '@strato/contracts';
import type { NodeRecord } from '../../store/nodes.repository';
import { AgentRegistry } from './agent-registry';

/** The agents' latest resource samples of nodes: one call per agent, whatever the number of nodes. */
@Injectable()
export class NodeSamples {
  private readonly logger = new Logger(NodeSamples.name);

  constructor(private readonly agents: AgentRegistry) {}

  /** Each node's sample, by node name; a node whose agent is silent, or that has no sample yet, is left out. */
  async of(nodes: NodeRecord[]): Promise<Map<string, NodeStatsView>> {
    const byAgent = new Map<string, AgentNodeView[]>();
    const agentIds = new Set(nodes.map((n) => n.agent).filter((a): a is string => a !== null));
    // All at once, and never a silent agent's: one host cut off must not hold every pod's reading.
    await Promise.all(
      [...agentIds].map(async (agentId) => {
        const agent = this.agents.get(agentId);
        if (!agent || !this.agents.isReachable(agent.record)) return;
        const views = await agent.client.listNodes(true).catch((error: Error) => {
          this.logger.warn(`agent ${agentId}: ${error.message}`);
          return undefined;
        });
        if (views) byAgent.set(agentId, views);
      }),
    );
    const samples = new Map<string, NodeStatsView>();
    for (const node of nodes) {
      const stats = this.viewOf(node, byAgent.get(node.agent ?? ''))?.stats;
      if (stats) samples.set(node.name, stats);
    }
    return samples;
  }

  /** The node's own view: one from another incarnation (a run before a restart) is not this node's use. */
  private viewOf(node: NodeRecord, views: AgentNodeView[] | undefined): AgentNodeView | undefined {
    const view = views?.find((v) => v.nodeId === node.name);
    if (!view || view.incarnation === null || view.incarnation === node.incarnation) return view;
    this.logger.log(
      `ignored a sample of ${node.name} incarnation ${view.incarnation} (the store has ${node.incarnation})`,
    );
    return undefined;
  }
}
