import {
  AGENT_JOB_OUTPUT_READ_BYTES,
  type AgentJobAttemptView,
  type AgentJobOutputView,
  type StartJobAttemptRequest,
} from '@strato/contracts';
import type { NodeJobExit, NodeJobHandle } from '@strato/runtime';
import { CappedOutput } from './capped-output';

/** One attempt on this agent: its output, its deadline and, once it ended, its final state. */
export class JobAttempt {
  readonly stdout: CappedOutput;
  readonly stderr: CappedOutput;
  private readonly startedAt = Date.now();
  private exit: (NodeJobExit & { at: number }) | undefined;
  private timedOut = false;
  private killed = false;
  private handle: NodeJobHandle | undefined;
  private deadline: NodeJS.Timeout | undefined;

  constructor(
    readonly nodeId: string,
    readonly request: StartJobAttemptRequest,
    capBytes: number,
    private readonly killGraceMs: number,
  ) {
    this.stdout = new CappedOutput(capBytes);
    this.stderr = new CappedOutput(capBytes);
  }

  /** Follows the started process: its exit, and its kill at timeoutS. */
  attach(handle: NodeJobHandle): void {
    this.handle = handle;
    this.deadline = setTimeout(() => {
      this.timedOut = true;
      void handle.kill(this.killGraceMs);
    }, this.request.timeoutS * 1_000);
    this.deadline.unref();
    void handle.exited.then((exit) => {
      clearTimeout(this.deadline);
      this.exit = { ...exit, at: Date.now() };
    });
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Idempotent; answers once the process tree is gone. A finished attempt stays as it ended. */
  async kill(): Promise<void> {
    if (!this.handle || !this.running) return;
    this.killed = !this.timedOut;
    await this.handle.kill(this.killGraceMs);
    // attach()'s continuation, registered first, has recorded the exit by the time this await resumes.
    await this.handle.exited;
  }

  stop(): void {
    clearTimeout(this.deadline);
  }

  view(): AgentJobAttemptView {
    const exit = this.exit;
    return {
      attemptId: this.request.attemptId,
      jobId: this.request.jobId,
      nodeId: this.nodeId,
      state: exit ? 'exited' : 'running',
      startedAt: this.startedAt,
      finishedAt: exit?.at ?? null,
      durationMs: exit ? exit.at - this.startedAt : null,
      exitCode: exit?.exitCode ?? null,
      signal: exit?.signal ?? null,
      oomKilled: exit?.oomKilled ?? false,
      timedOut: this.timedOut,
      killed: this.killed,
      stdoutBytes: this.stdout.bytes,
      stderrBytes: this.stderr.bytes,
      truncated: this.stdout.truncated || this.stderr.truncated,
    };
  }

  output(stdoutOffset: number, stderrOffset: number): AgentJobOutputView {
    const ended = !this.running;
    const stdout = this.stdout.read(stdoutOffset, AGENT_JOB_OUTPUT_READ_BYTES, ended);
    const stderr = this.stderr.read(stderrOffset, AGENT_JOB_OUTPUT_READ_BYTES, ended);
    return {
      stdout: { offset: stdoutOffset, ...stdout },
      stderr: { offset: stderrOffset, ...stderr },
      complete: ended && stdout.nextOffset === this.stdout.bytes && stderr.nextOffset === this.stderr.bytes,
    };
  }
}
