import { Injectable } from '@nestjs/common';
import type { AgentNodeView, NodeLimitsView } from '@strato/contracts';
import { EventBus } from '../../events/event-bus';
import { LIMITS_UNKNOWN, type NodeRecord, NodesRepository } from '../../store/nodes.repository';

/** The caps as the node's agent reports them; an agent from before they were reported says nothing: unknown. */
export function reportedLimits(view: AgentNodeView): NodeLimitsView {
  const limits = (view as Partial<AgentNodeView>).limits;
  if (limits === undefined) return LIMITS_UNKNOWN;
  return limits.enforced
    ? { enforced: true, reason: null }
    : { enforced: false, reason: limits.reason ?? 'the agent gave no reason' };
}

function sameLimits(a: NodeLimitsView, b: NodeLimitsView): boolean {
  return a.enforced === b.enforced && a.reason === b.reason;
}

/**
 * What a node's host says about its caps, kept on the node and announced as a NodeLimitsNotEnforced event when
 * they are not enforced: once at launch, and again only when the host says something new.
 */
@Injectable()
export class NodeLimitsRecorder {
  constructor(
    private readonly nodes: NodesRepository,
    private readonly events: EventBus,
  ) {}

  /** After a launch recorded the agent's answer on the node. */
  announce(node: NodeRecord): void {
    if (node.limits.enforced !== false) return;
    this.events.publish({
      type: 'NodeLimitsNotEnforced',
      pod: node.pod,
      node: node.name,
      message: `${node.name} runs without its CPU and memory caps on agent ${node.agent ?? '?'}: ${node.limits.reason}`,
    });
  }

  /** The reconciler's read of the node's runtime: records a change (as of the incarnation it read). */
  sync(node: NodeRecord, runtime: AgentNodeView): void {
    const limits = reportedLimits(runtime);
    if (limits.enforced === null || sameLimits(limits, node.limits)) return;
    const updated = this.nodes.setLimits(node.name, node.incarnation, limits);
    if (updated) this.announce(updated);
  }
}
