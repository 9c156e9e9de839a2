import type { BatchJobSpec } from './batch-job';

/**
 * Batch-job attempts on an agent (`/agent/v1/nodes/{nodeId}/jobs`). The manager pulls state and output:
 * the agent keeps each attempt, its output and its final state until the manager acknowledges it (DELETE).
 * Kept in the agent's memory: an agent restart loses them, and the manager then ends them as NodeLost.
 */
export interface StartJobAttemptRequest {
  /** The manager's attempt id; starting the same id again answers the attempt already started. */
  attemptId: string;
  jobId: string;
  /** STRATO_JOB_INDEX (0 for a job that is not an array) and STRATO_JOB_ATTEMPT (1, 2, …). */
  index: number;
  attempt: number;
  job: BatchJobSpec;
  /** The agent kills the attempt at this deadline, counted from its start, even with no manager around. */
  timeoutS: number;
}

export type AgentJobAttemptState = 'running' | 'exited';

export interface AgentJobAttemptView {
  attemptId: string;
  jobId: string;
  nodeId: string;
  state: AgentJobAttemptState;
  /** Epoch milliseconds. */
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  exitCode: number | null;
  signal: string | null;
  oomKilled: boolean;
  /** Killed because its timeoutS passed. */
  timedOut: boolean;
  /** Killed on the manager's request (abort, or a node drained by force). */
  killed: boolean;
  /** Bytes kept of each stream so far (the truncation marker included), and whether any were dropped. */
  stdoutBytes: number;
  stderrBytes: number;
  truncated: boolean;
}

/** A stretch of one stream from `offset` (bytes); ask again from `nextOffset`. */
export interface AgentJobOutputChunk {
  offset: number;
  nextOffset: number;
  /** UTF-8 text, never cut inside a character. */
  data: string;
}

export interface AgentJobOutputView {
  stdout: AgentJobOutputChunk;
  stderr: AgentJobOutputChunk;
  /** The attempt has exited and these chunks reach the end of both streams: nothing more will come. */
  complete: boolean;
}

/** Most output kept per stream of one attempt; beyond it, a marker line and nothing more. */
export const AGENT_JOB_OUTPUT_CAP_BYTES = 1024 * 1024;
/** Most bytes of one stream answered by one output read. */
export const AGENT_JOB_OUTPUT_READ_BYTES = 256 * 1024;

export const outputTruncatedMarker = (capBytes: number): string =>
  `\n[strato: output truncated after ${capBytes} bytes]\n`;

/** Whether `text` ends with outputTruncatedMarker: the agent truncated the stream already. */
export const endsWithTruncatedMarker = (text: string): boolean =>
  /\n\[strato: output truncated after \d+ bytes\]\n$/.test(text);

/** The greatest index <= at that starts a UTF-8 character: cutting `bytes` there splits none. */
export function utf8CharacterStart(bytes: Uint8Array, at: number): number {
  let cut = Math.min(at, bytes.length);
  while (cut > 0 && cut < bytes.length && (bytes[cut] & 0xc0) === 0x80) cut--;
  return cut;
}
