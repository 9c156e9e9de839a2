import type { BatchJobSpec } from '@strato/contracts';

/** One attempt of a batch job, to run inside a node's own isolation (its container or its cgroups). */
export interface NodeJobSpec {
  /** Unique per attempt: names the attempt's work directory inside the node. */
  attemptId: string;
  nodeId: string;
  job: BatchJobSpec;
  /** The job's environment (the caller adds STRATO_JOB_ID, STRATO_JOB_INDEX, STRATO_JOB_ATTEMPT). */
  env: Record<string, string>;
}

/** Where the job's output goes as it is written; chunks are raw bytes, not split on lines or characters. */
export interface NodeJobOutput {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
}

export interface NodeJobExit {
  /** Null when a signal ended the job. */
  exitCode: number | null;
  signal: string | null;
  /** Killed by the kernel because the node's cgroup ran out of memory during the attempt. */
  oomKilled: boolean;
}

export interface NodeJobHandle {
  readonly attemptId: string;
  /**
   * Settles once the job's process has ended and all its output has been delivered; never rejects. Whatever
   * the job left in its process group is killed then: an attempt never leaves a process behind.
   */
  readonly exited: Promise<NodeJobExit>;
  /** SIGTERM to the job's whole process group, SIGKILL after graceMs; resolves once it is gone. Idempotent. */
  kill(graceMs?: number): Promise<NodeJobExit>;
}

/** Runs batch-job attempts inside a runtime's nodes. */
export interface NodeJobRunner {
  /**
   * Starts the attempt; throws NodeNotRunningError unless the node runs, InterpreterUnavailableError when
   * the node lacks the script's interpreter.
   */
  runJob(spec: NodeJobSpec, output: NodeJobOutput): Promise<NodeJobHandle>;
  /**
   * Kills every attempt an earlier run of the caller left on this cloud's nodes (whoever started them is
   * gone, so nobody follows them any more: the manager runs them again elsewhere) and removes their work
   * directories; returns their ids. For an agent's start, before it answers anyone.
   */
  endLeftoverJobs(): Promise<string[]>;
}

export const DEFAULT_JOB_KILL_GRACE_MS = 2_000;
