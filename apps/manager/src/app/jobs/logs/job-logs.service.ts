import { Inject, Injectable } from '@nestjs/common';
import { type BatchJobStatus, isFinalBatchJobStatus } from '@strato/contracts';
import { MANAGER_CONFIG, type ManagerConfig } from '../../config/manager-config';
import { JobAttemptNotFoundError, JobNotFoundError } from '../job-errors';
import type { AttemptRecord, JobRecord } from '../job-record';
import { JobsRepository } from '../jobs.repository';
import { JobOutputRepository } from './job-output.repository';
import type { JobLogsDto, JobLogsQueryDto, LogStreamChoice } from './job-logs.dto';
import { LineSplitter, type LogLine, toLogLines } from './log-lines';

export type FollowEvent =
  | { type: 'attempt'; attempt: number; node: string }
  | { type: 'line'; line: LogLine }
  | { type: 'end'; status: BatchJobStatus; attempt: AttemptEndView | null };

export interface AttemptEndView {
  number: number;
  node: string;
  exitCode: number | null;
  signal: string | null;
  reason: string | null;
}

const streamFilter = (choice: LogStreamChoice | undefined) =>
  choice === undefined || choice === 'both' ? undefined : choice;

/** A job's stored output: read at once, or followed as it comes until the job (or the attempt asked for) ends. */
@Injectable()
export class JobLogsService {
  /** How often a follow looks for new output: the dispatcher stores it at this pace. */
  private readonly pollMs: number;

  constructor(
    @Inject(MANAGER_CONFIG) config: ManagerConfig,
    private readonly jobs: JobsRepository,
    private readonly output: JobOutputRepository,
  ) {
    this.pollMs = Math.max(50, Math.min(config.jobDispatchMs || 250, 1000));
  }

  read(id: string, query: JobLogsQueryDto): JobLogsDto {
    const job = this.require(id);
    const attempt = this.attemptOf(job, query.attempt);
    const stream = query.stream ?? 'both';
    if (!attempt)
      return {
        job: id,
        attempt: null,
        node: null,
        stream,
        lines: [],
        truncated: { stdout: false, stderr: false },
        complete: isFinalBatchJobStatus(job.status),
      };
    const lines = toLogLines(this.output.chunks(attempt.id, 0, streamFilter(query.stream)));
    const state = this.output.state(attempt.id);
    return {
      job: id,
      attempt: attempt.number,
      node: attempt.node,
      stream,
      lines: query.tail === undefined ? lines : lines.slice(-query.tail),
      truncated: { stdout: state?.stdout.truncated ?? false, stderr: state?.stderr.truncated ?? false },
      complete: attempt.finishedAt !== null,
    };
  }

  /** Checks the job (and attempt) exist before anything is sent: an unknown one is a plain 404. */
  checkFollow(id: string, query: JobLogsQueryDto): void {
    this.attemptOf(this.require(id), query.attempt);
  }

  /**
   * The stored lines (the last `tail`), then each new one, attempt after attempt (or of the one asked
   * for) until the job ends or `signal` aborts. An attempt's lines are all stored before its end is,
   * so reading its end first and its chunks after misses none.
   */
  async *follow(id: string, query: JobLogsQueryDto, signal: AbortSignal): AsyncGenerator<FollowEvent> {
    const pinned = query.attempt;
    let number = pinned ?? this.require(id).attempt;
    let seq = 0;
    let splitter = new LineSplitter();
    let backlog = true;
    if (number > 0) yield* this.announce(id, number);
    while (!signal.aborted) {
      const job = this.require(id);
      const attempt = number > 0 ? this.attemptOf(job, number) : undefined;
      if (attempt) {
        const ended = attempt.finishedAt !== null;
        const chunks = this.output.chunks(attempt.id, seq, streamFilter(query.stream));
        seq = chunks.at(-1)?.seq ?? seq;
        let lines = [...chunks.flatMap((chunk) => splitter.push(chunk)), ...(ended ? splitter.flush() : [])];
        if (backlog && query.tail !== undefined) lines = lines.slice(-query.tail);
        backlog = false;
        for (const line of lines) yield { type: 'line', line };
        if (
          ended &&
          (pinned !== undefined || (isFinalBatchJobStatus(job.status) && job.attempt === number))
        ) {
          yield { type: 'end', status: job.status, attempt: endView(attempt) };
          return;
        }
        if (ended && job.attempt > number) {
          number = job.attempt;
          seq = 0;
          splitter = new LineSplitter();
          yield* this.announce(id, number);
          continue;
        }
      } else if (isFinalBatchJobStatus(job.status) && job.attempt === 0) {
        yield { type: 'end', status: job.status, attempt: null };
        return;
      } else if (job.attempt > number) {
        number = job.attempt;
        yield* this.announce(id, number);
        continue;
      }
      await sleep(this.pollMs, signal);
    }
  }

  private *announce(id: string, number: number): Generator<FollowEvent> {
    const attempt = this.jobs.attempts(id).find((a) => a.number === number);
    if (attempt) yield { type: 'attempt', attempt: number, node: attempt.node };
  }

  private require(id: string): JobRecord {
    const job = this.jobs.find(id);
    if (!job) throw new JobNotFoundError(id);
    return job;
  }

  /** The attempt asked for, or the last one; undefined while the job never started. */
  private attemptOf(job: JobRecord, number: number | undefined): AttemptRecord | undefined {
    if (number === undefined && job.attempt === 0) return undefined;
    const wanted = number ?? job.attempt;
    const attempt = this.jobs.attempts(job.id).find((a) => a.number === wanted);
    if (!attempt) throw new JobAttemptNotFoundError(job.id, wanted, job.attempt);
    return attempt;
  }
}

const endView = (attempt: AttemptRecord): AttemptEndView => ({
  number: attempt.number,
  node: attempt.node,
  exitCode: attempt.exitCode,
  signal: attempt.signal,
  reason: attempt.reason,
});

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
