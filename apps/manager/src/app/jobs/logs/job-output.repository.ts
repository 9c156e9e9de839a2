import { Inject, Injectable } from '@nestjs/common';
import type { AgentJobOutputView } from '@strato/contracts';
import { DATABASE, type Db, prepared } from '../../store/database';
import { cappedAppend, type StreamFill } from './capped-append';
import type { JobStream, OutputChunk } from './log-lines';

/** Where an attempt's output stands: the agent offsets to read from next, and what each stream holds. */
export interface AttemptOutputState {
  stdoutOffset: number;
  stderrOffset: number;
  stdout: StreamFill;
  stderr: StreamFill;
  /** The agent said nothing more will come, and all of it is stored. */
  complete: boolean;
}

interface StateRow {
  stdout_offset: number;
  stderr_offset: number;
  stdout_bytes: number;
  stderr_bytes: number;
  stdout_truncated: number;
  stderr_truncated: number;
  output_complete: number;
}

export type AppendOutcome = 'appended' | 'stale-offsets' | 'unknown-attempt';

/** The stored output of batch-job attempts: what outlives the node that ran them. */
@Injectable()
export class JobOutputRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  state(attemptId: string): AttemptOutputState | undefined {
    const row = prepared(
      this.db,
      `SELECT stdout_offset, stderr_offset, stdout_bytes, stderr_bytes, stdout_truncated, stderr_truncated,
           output_complete FROM batch_job_attempts WHERE id = ?`,
    ).get(attemptId) as StateRow | undefined;
    return (
      row && {
        stdoutOffset: row.stdout_offset,
        stderrOffset: row.stderr_offset,
        stdout: { bytes: row.stdout_bytes, truncated: row.stdout_truncated === 1 },
        stderr: { bytes: row.stderr_bytes, truncated: row.stderr_truncated === 1 },
        complete: row.output_complete === 1,
      }
    );
  }

  /**
   * Stores a read from the agent and the offsets to read from next, together: a restarted manager resumes
   * where the store stops, with nothing twice and nothing missed. A read from other offsets than the stored
   * ones (a late duplicate) changes nothing.
   */
  append(attemptId: string, read: AgentJobOutputView, capBytes: number): AppendOutcome {
    return this.db
      .transaction((): AppendOutcome => {
        const state = this.state(attemptId);
        if (!state) return 'unknown-attempt';
        if (read.stdout.offset !== state.stdoutOffset || read.stderr.offset !== state.stderrOffset)
          return 'stale-offsets';
        const stdout = cappedAppend(state.stdout, read.stdout.data, capBytes);
        const stderr = cappedAppend(state.stderr, read.stderr.data, capBytes);
        const insert = prepared(
          this.db,
          `INSERT INTO batch_job_output (attempt_id, seq, stream, data)
           VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM batch_job_output WHERE attempt_id = ?), ?, ?)`,
        );
        for (const [stream, stored] of [
          ['stdout', stdout.stored],
          ['stderr', stderr.stored],
        ] as const)
          if (stored !== '') insert.run(attemptId, attemptId, stream, stored);
        prepared(
          this.db,
          `UPDATE batch_job_attempts SET stdout_offset = ?, stderr_offset = ?, stdout_bytes = ?,
               stderr_bytes = ?, stdout_truncated = ?, stderr_truncated = ?, output_complete = ?
             WHERE id = ?`,
        ).run(
          read.stdout.nextOffset,
          read.stderr.nextOffset,
          stdout.fill.bytes,
          stderr.fill.bytes,
          stdout.fill.truncated ? 1 : 0,
          stderr.fill.truncated ? 1 : 0,
          read.complete ? 1 : 0,
          attemptId,
        );
        return 'appended';
      })
      .immediate();
  }

  /** The attempt's chunks after `afterSeq`, in arrival order; of one stream, or both. */
  chunks(attemptId: string, afterSeq = 0, stream?: JobStream): OutputChunk[] {
    return prepared(
      this.db,
      `SELECT seq, stream, data FROM batch_job_output
         WHERE attempt_id = @attemptId AND seq > @afterSeq AND (@stream IS NULL OR stream = @stream)
         ORDER BY seq`,
    ).all({ attemptId, afterSeq, stream: stream ?? null }) as OutputChunk[];
  }
}
