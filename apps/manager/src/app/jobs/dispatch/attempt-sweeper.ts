import { Injectable, Logger } from '@nestjs/common';
import type { AgentJobAttemptView, NodeStatus } from '@strato/contracts';
import type { AgentClient } from '../../agents/registry/agent-client';
import { AgentRegistry } from '../../agents/registry/agent-registry';
import { type NodeRecord, NodesRepository } from '../../store/nodes.repository';
import { JobsRepository } from '../jobs.repository';
import { AttemptFollower } from './attempt-follower';

const MAY_RUN_JOBS: ReadonlySet<NodeStatus> = new Set(['ONLINE', 'DRAINING', 'PAUSED', 'STANDBY']);

export interface SweepResult {
  /** Attempts the store still follows, found again on their agent. */
  found: string[];
  /** Attempts no job names as its current one any more, killed and forgotten. */
  forgotten: string[];
}

/**
 * Asks each agent which attempts it keeps, per node (after a manager restart, and now and then). The
 * store's current attempts are left to the follower; any other (an earlier attempt that was requeued as
 * NodeLost while its agent was out of reach, a start the manager gave up on) is killed and forgotten, so
 * no job runs twice. The agent is read before the store: an attempt starts on an agent only after the store
 * made it current, so one listed there and not current in the store is truly over.
 */
@Injectable()
export class AttemptSweeper {
  private readonly logger = new Logger(AttemptSweeper.name);

  constructor(
    private readonly nodes: NodesRepository,
    private readonly agents: AgentRegistry,
    private readonly jobs: JobsRepository,
    private readonly follower: AttemptFollower,
  ) {}

  async sweep(): Promise<SweepResult> {
    const result: SweepResult = { found: [], forgotten: [] };
    const everRan = this.jobs.nodesWithAttempts();
    const nodes = this.nodes
      .list()
      .filter((node) => MAY_RUN_JOBS.has(node.status) && node.agent && everRan.has(node.name));
    await Promise.all(nodes.map((node) => this.sweepNode(node, result)));
    return result;
  }

  private async sweepNode(node: NodeRecord, result: SweepResult): Promise<void> {
    const agent = this.agents.get(node.agent as string);
    if (!agent) return;
    let listed: AgentJobAttemptView[];
    try {
      listed = await agent.client.listJobAttempts(node.name);
    } catch (error) {
      this.logger.debug(`job attempts of node ${node.name} not listed: ${(error as Error).message}`);
      return;
    }
    for (const view of listed) {
      if (this.isCurrent(view, node.name)) result.found.push(view.attemptId);
      else {
        await this.forgetStale(agent.client, node.name, view);
        result.forgotten.push(view.attemptId);
      }
    }
  }

  private isCurrent(view: AgentJobAttemptView, node: string): boolean {
    const job = this.jobs.find(view.jobId);
    return job?.status === 'RUNNING' && job.attemptId === view.attemptId && job.node === node;
  }

  private async forgetStale(client: AgentClient, node: string, view: AgentJobAttemptView): Promise<void> {
    this.logger.log(
      `attempt ${view.attemptId} of job ${view.jobId} on node ${node} is not current: forgetting it`,
    );
    await this.follower.forget(client, node, view.attemptId, view.state === 'running');
  }
}
