import { Inject, Injectable, Logger } from '@nestjs/common';
import type { StartJobAttemptRequest } from '@strato/contracts';
import { AgentJobRejectedError } from '../../agents/registry/agent-job-rejected.error';
import { AgentRegistry, type KnownAgent } from '../../agents/registry/agent-registry';
import { MANAGER_CONFIG, type ManagerConfig } from '../../config/manager-config';
import { EventBus } from '../../events/event-bus';
import { type NodeRecord, NodesRepository } from '../../store/nodes.repository';
import { PodsRepository } from '../../store/pods.repository';
import type { JobRecord } from '../job-record';
import { JobsRepository } from '../jobs.repository';
import { podJobSlots } from '../pod-job-slots';
import { dispatchOrder } from '../queue-order';
import { agentMayRun } from '../script-interpreter-check';
import { AttemptEnder } from './attempt-ender';

interface FreeNode {
  node: NodeRecord;
  agent: KnownAgent;
  free: number;
}

/**
 * Starts a pod's queued jobs, in dispatch order, on its ONLINE nodes with a free slot (on a reachable
 * agent that does not say it lacks a script's interpreter), the least busy node first. The store takes the
 * job first (QUEUED -> RUNNING with a new attempt id), then the agent starts that attempt: a crash in
 * between leaves an attempt the agent does not know, which the follower requeues as NodeLost; a start the
 * agent got twice runs once (the attempt id).
 */
@Injectable()
export class JobStarter {
  private readonly logger = new Logger(JobStarter.name);
  /** Attempts whose start the agent has not answered yet: an agent knows an attempt only once it runs. */
  private readonly starting = new Set<string>();

  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    private readonly jobs: JobsRepository,
    private readonly nodes: NodesRepository,
    private readonly agents: AgentRegistry,
    private readonly ender: AttemptEnder,
    private readonly events: EventBus,
    private readonly pods: PodsRepository,
  ) {}

  /** Not to be followed yet: asked about now, the agent would not know it, as if it had lost it. */
  isStarting(attemptId: string): boolean {
    return this.starting.has(attemptId);
  }

  async startPod(pod: string, now = new Date()): Promise<void> {
    const free = this.freeNodes(pod, now.getTime());
    if (free.length === 0) return;
    const queued = new Map(this.jobs.queued(pod).map((job) => [job.id, job]));
    const order = dispatchOrder([...queued.values()], now, this.jobs.runningByArray(pod));
    const starts: Promise<void>[] = [];
    for (const next of order) {
      if (free.every((n) => n.free === 0)) break;
      const job = queued.get(next.id) as JobRecord;
      const fitting = free.filter((n) => n.free > 0 && agentMayRun(n.agent.record, job.spec));
      if (fitting.length === 0) continue; // waits for a node whose agent has its interpreter
      const slot = fitting.reduce((best, n) => (n.free > best.free ? n : best));
      const started = this.jobs.startAttempt(job.id, slot.node.name, now, slot.agent.record.id);
      if (!started) continue; // aborted (or taken) since it was read
      slot.free--;
      starts.push(this.startOnAgent(started, slot, now));
    }
    await Promise.all(starts);
  }

  private freeNodes(pod: string, now: number): FreeNode[] {
    const record = this.pods.find(pod);
    if (!record) return []; // removed: its jobs were aborted with it
    const perNode = podJobSlots(record, this.config);
    const running = this.jobs.runningByNode(pod);
    const free: FreeNode[] = [];
    for (const node of this.nodes.listByPod(pod)) {
      if (node.status !== 'ONLINE' || !node.agent) continue;
      const agent = this.agents.get(node.agent);
      if (!agent || !this.agents.isReachable(agent.record, now)) continue;
      const slots = perNode - (running.get(node.name) ?? 0);
      if (slots > 0) free.push({ node, agent, free: slots });
    }
    return free;
  }

  private async startOnAgent(job: JobRecord, slot: FreeNode, now: Date): Promise<void> {
    const attemptId = job.attemptId as string;
    const request: StartJobAttemptRequest = {
      attemptId,
      jobId: job.id,
      index: job.array?.index ?? 0,
      attempt: job.attempt,
      job: job.spec,
      timeoutS: job.timeoutS,
    };
    this.starting.add(attemptId);
    try {
      await slot.agent.client.startJobAttempt(slot.node.name, request);
      this.events.publish({
        type: 'JobStarted',
        pod: job.pod,
        node: slot.node.name,
        message: `job ${job.id} attempt ${job.attempt} started on node ${slot.node.name}`,
      });
    } catch (error) {
      const message = (error as Error).message;
      this.logger.warn(`job ${job.id} attempt ${attemptId} on node ${slot.node.name}: ${message}`);
      this.events.publish({
        type: 'JobStartFailed',
        pod: job.pod,
        node: slot.node.name,
        message: `job ${job.id} attempt ${job.attempt} did not start on node ${slot.node.name}: ${message}`,
      });
      // Refused: it did not start there. Not answered: it may have, so it ends as a lost node (an attempt
      // the agent runs after all is no longer current, and the sweeper kills it).
      const reason = error instanceof AgentJobRejectedError ? 'StartFailed' : 'NodeLost';
      this.ender.end(job, attemptId, { exitCode: null, signal: null, reason }, now, message);
    } finally {
      this.starting.delete(attemptId);
    }
  }
}
