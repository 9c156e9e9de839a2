import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  AGENT_JOB_OUTPUT_CAP_BYTES,
  type AgentJobAttemptView,
  type AgentJobOutputView,
  JOB_ATTEMPT_ENV,
  JOB_INDEX_ENV,
  type StartJobAttemptRequest,
} from '@strato/contracts';
import { DEFAULT_JOB_KILL_GRACE_MS, type NodeRuntime } from '@strato/runtime';
import { KeyedLock } from '@strato/sync';
import { NODE_RUNTIME } from '../nodes/node-runtime.provider';
import { JobAttemptNotFoundError, JobAttemptRunningError } from './job-attempt-errors';
import { JobAttempt } from './job-attempt';

export const JOB_ID_ENV = 'STRATO_JOB_ID';

/**
 * Batch-job attempts on this agent's nodes, in memory: each is kept, with its output and final state, until
 * the manager acknowledges it. Starting an attempt id twice answers the first (a retried POST runs nothing twice).
 * What an earlier run of the agent left running is killed at start, before the agent answers anyone: the
 * manager, told the attempt is unknown, runs the job again, and it must not then run twice.
 */
@Injectable()
export class AgentJobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AgentJobsService.name);
  private readonly attempts = new Map<string, JobAttempt>();
  private readonly lock = new KeyedLock();
  capBytes = AGENT_JOB_OUTPUT_CAP_BYTES;
  killGraceMs = DEFAULT_JOB_KILL_GRACE_MS;

  constructor(@Inject(NODE_RUNTIME) private readonly runtime: NodeRuntime) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const left = await this.runtime.endLeftoverJobs();
      if (left.length > 0)
        this.logger.warn(
          `killed ${left.length} batch-job attempt(s) an earlier run of this agent left running: ${left.join(', ')}`,
        );
    } catch (error) {
      this.logger.warn(`could not look for batch-job attempts left running: ${(error as Error).message}`);
    }
  }

  start(nodeId: string, request: StartJobAttemptRequest): Promise<AgentJobAttemptView> {
    return this.lock.run(request.attemptId, async () => {
      const existing = this.attempts.get(request.attemptId);
      if (existing) return existing.view();
      const attempt = new JobAttempt(nodeId, request, this.capBytes, this.killGraceMs);
      const env = {
        ...(request.job.kind === 'script' ? request.job.env : {}),
        [JOB_ID_ENV]: request.jobId,
        [JOB_INDEX_ENV]: String(request.index),
        [JOB_ATTEMPT_ENV]: String(request.attempt),
      };
      const handle = await this.runtime.runJob(
        { attemptId: request.attemptId, nodeId, job: request.job, env },
        { stdout: (chunk) => attempt.stdout.append(chunk), stderr: (chunk) => attempt.stderr.append(chunk) },
      );
      attempt.attach(handle);
      this.attempts.set(request.attemptId, attempt);
      return attempt.view();
    });
  }

  list(nodeId: string): AgentJobAttemptView[] {
    return [...this.attempts.values()].filter((attempt) => attempt.nodeId === nodeId).map((a) => a.view());
  }

  get(nodeId: string, attemptId: string): AgentJobAttemptView {
    return this.require(nodeId, attemptId).view();
  }

  output(nodeId: string, attemptId: string, stdoutOffset: number, stderrOffset: number): AgentJobOutputView {
    return this.require(nodeId, attemptId).output(stdoutOffset, stderrOffset);
  }

  async kill(nodeId: string, attemptId: string): Promise<AgentJobAttemptView> {
    const attempt = this.require(nodeId, attemptId);
    await attempt.kill();
    return attempt.view();
  }

  /** The manager has stored the final state and all the output: the agent forgets the attempt. */
  acknowledge(nodeId: string, attemptId: string): void {
    const attempt = this.require(nodeId, attemptId);
    if (attempt.running) throw new JobAttemptRunningError(attemptId);
    this.attempts.delete(attemptId);
  }

  /** No job outlives its agent: they could not be followed, and the manager will requeue them as NodeLost. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.attempts.values()].map((attempt) => attempt.kill()));
    for (const attempt of this.attempts.values()) attempt.stop();
  }

  private require(nodeId: string, attemptId: string): JobAttempt {
    const attempt = this.attempts.get(attemptId);
    if (!attempt || attempt.nodeId !== nodeId) throw new JobAttemptNotFoundError(nodeId, attemptId);
    return attempt;
  }
}
