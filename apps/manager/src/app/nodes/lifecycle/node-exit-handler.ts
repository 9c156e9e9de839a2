import { Injectable, Logger } from '@nestjs/common';
import type { NodeExitReport } from '@strato/contracts';
import { NodesRepository } from '../../store/nodes.repository';
import { PodsRepository } from '../../store/pods.repository';
import { NodeFailure } from './node-failure';

export function describeExit(exit: NodeExitReport, memoryMiB?: number): string {
  if (exit.oomKilled)
    return `OOM-killed: went past its memory limit${memoryMiB ? ` of ${memoryMiB} MiB` : ''}`;
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exited with code ${exit.exitCode ?? 'unknown'}`;
}

const WATCHED = new Set(['STARTING', 'STANDBY', 'ONLINE', 'PAUSED', 'UNKNOWN']);

/**
 * A node that dies while it should be serving becomes FAILED, with the reason, and leaves the load
 * balancer at once (the caller holds its lock). A report about another incarnation than the store's, or
 * from another agent, is stale: it is logged and changes nothing. Exits the manager asked for (drain,
 * remove) find the node gone or DRAINING.
 */
@Injectable()
export class NodeExitHandler {
  private readonly logger = new Logger(NodeExitHandler.name);

  constructor(
    private readonly nodes: NodesRepository,
    private readonly pods: PodsRepository,
    private readonly failure: NodeFailure,
  ) {}

  async handle(agentId: string, exit: NodeExitReport): Promise<void> {
    const node = this.nodes.find(exit.nodeId);
    if (!node || !WATCHED.has(node.status)) return;
    if (node.agent !== agentId || (exit.incarnation !== null && exit.incarnation !== node.incarnation)) {
      this.logger.log(
        `ignored a stale exit report for ${exit.nodeId} (incarnation ${exit.incarnation ?? '?'} on agent ${agentId}; ` +
          `the store has incarnation ${node.incarnation} on agent ${node.agent ?? 'none'})`,
      );
      return;
    }
    const reason = describeExit(exit, this.pods.find(node.pod)?.memoryMiB);
    await this.failure.record(node, reason, exit.oomKilled ? 'NodeOOMKilled' : 'NodeFailed');
  }
}
