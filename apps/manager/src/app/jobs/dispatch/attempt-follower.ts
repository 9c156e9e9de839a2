import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NodeStatus } from '@strato/contracts';
import type { AgentClient } from '../../agents/registry/agent-client';
import { AgentRegistry } from '../../agents/registry/agent-registry';
import { MANAGER_CONFIG, type ManagerConfig } from '../../config/manager-config';
import { NodesRepository } from '../../store/nodes.repository';
import type { JobRecord } from '../job-record';
import type { EndOutcome } from '../jobs.repository';
import { JobOutputRepository } from '../logs/job-output.repository';
import { AttemptEnder } from './attempt-ender';
import { type AttemptExit, exitOf } from './attempt-verdict';

/** Nodes whose jobs still run: the others lost them (crashed, unreachable, relaunched as a new incarnation). */
const RUNS_JOBS: ReadonlySet<NodeStatus> = new Set(['ONLINE', 'DRAINING', 'PAUSED']);
/** Output reads per attempt per pass (each up to 256 KiB a stream): a chatty job cannot hold a pass up. */
const READS_PER_PASS = 8;
/** The agent kills an attempt at its timeout; past it by this much, the manager kills it itself. */
export const TIMEOUT_GRACE_MS = 5_000;

const lost = (detail: string): { exit: AttemptExit; detail: string } => ({
  exit: { exitCode: null, signal: null, reason: 'NodeLost' },
  detail,
});

/**
 * One pass over one RUNNING job: its node still there, the abort it was asked for, its output pulled
 * from the stored offsets into the store, and, once it exited and all its output is stored, its end. The
 * agent keeps an attempt until it is acknowledged, after the end is stored: nothing is lost in between.
 */
@Injectable()
export class AttemptFollower {
  private readonly logger = new Logger(AttemptFollower.name);

  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    private readonly nodes: NodesRepository,
    private readonly agents: AgentRegistry,
    private readonly output: JobOutputRepository,
    private readonly ender: AttemptEnder,
  ) {}

  async follow(job: JobRecord, now = new Date()): Promise<void> {
    const attemptId = job.attemptId;
    if (job.status !== 'RUNNING' || !attemptId || !job.node) return;
    const node = this.nodes.find(job.node);
    const client = node?.agent ? this.agents.get(node.agent)?.client : undefined;
    if (!node || !RUNS_JOBS.has(node.status) || !client) {
      const why = !node
        ? 'its record was removed'
        : !client
          ? 'its agent is unknown'
          : `it is ${node.status}`;
      this.end(job, attemptId, lost(`node ${job.node} lost: ${why}`), now);
      // A node's record can go while its host still runs the job: any agent that knows the attempt kills it.
      const holders = client ? [client] : this.agents.list().map((agent) => agent.client);
      await Promise.all(holders.map((holder) => this.forget(holder, job.node as string, attemptId, true)));
      return;
    }
    let view = await client.jobAttempt(node.name, attemptId);
    if (!view) {
      this.end(job, attemptId, lost(`the agent no longer knows attempt ${attemptId} (restarted?)`), now);
      return;
    }
    let timedOut = false;
    if (view.state === 'running' && job.abortRequested) {
      view = await client.killJobAttempt(node.name, attemptId);
    } else if (view.state === 'running' && this.pastDeadline(job, now)) {
      this.logger.warn(`job ${job.id} attempt ${attemptId} ran past its timeout: killing it`);
      view = await client.killJobAttempt(node.name, attemptId);
      timedOut = true;
    }
    const complete = await this.pull(client, node.name, attemptId);
    if (view.state !== 'exited' || !complete) return;
    const exit: AttemptExit = timedOut
      ? { ...exitOf(view, false), reason: 'Timeout' }
      : exitOf(view, job.abortRequested);
    const outcome = this.end(job, attemptId, { exit, detail: '' }, now);
    // Stored (or already ended before): the agent may forget it. Another outcome keeps it for the next pass.
    if (outcome.applied || outcome.why === 'already-final' || outcome.why === 'stale-attempt')
      await this.forget(client, node.name, attemptId, false);
  }

  private pastDeadline(job: JobRecord, now: Date): boolean {
    if (!job.startedAt) return false;
    return now.getTime() > Date.parse(job.startedAt) + job.timeoutS * 1000 + TIMEOUT_GRACE_MS;
  }

  /** Output into the store until nothing new comes; whether all of it is stored (the attempt exited). */
  private async pull(client: AgentClient, node: string, attemptId: string): Promise<boolean> {
    for (let read = 0; read < READS_PER_PASS; read++) {
      const state = this.output.state(attemptId);
      if (!state) return false;
      if (state.complete) return true;
      const chunk = await client.jobAttemptOutput(node, attemptId, state.stdoutOffset, state.stderrOffset);
      if (this.output.append(attemptId, chunk, this.config.jobLogCapBytes) !== 'appended') return false;
      if (chunk.complete) return true;
      if (chunk.stdout.data === '' && chunk.stderr.data === '') return false;
    }
    return false;
  }

  private end(
    job: JobRecord,
    attemptId: string,
    ending: { exit: AttemptExit; detail: string },
    now: Date,
  ): EndOutcome {
    return this.ender.end(job, attemptId, ending.exit, now, ending.detail);
  }

  /**
   * Kills (when it may still run) and acknowledges an attempt the store is done with, keeping what output
   * the agent still has of it first; best effort: an agent out of reach is asked again on a later sweep.
   */
  async forget(client: AgentClient, node: string, attemptId: string, kill: boolean): Promise<void> {
    try {
      if (kill) await client.killJobAttempt(node, attemptId);
      await this.pull(client, node, attemptId);
      await client.acknowledgeJobAttempt(node, attemptId);
    } catch (error) {
      this.logger.debug(`attempt ${attemptId} on node ${node} not forgotten: ${(error as Error).message}`);
    }
  }
}
