export type JobStream = 'stdout' | 'stderr';

export interface OutputChunk {
  seq: number;
  stream: JobStream;
  data: string;
}

export interface LogLine {
  stream: JobStream;
  text: string;
}

/** Cuts chunks of both streams, in arrival order, into lines (without their newline), one stream apart from the other. */
export class LineSplitter {
  private readonly pending: Record<JobStream, string> = { stdout: '', stderr: '' };

  /** The lines this chunk completes, placed where their end arrived. */
  push(chunk: Pick<OutputChunk, 'stream' | 'data'>): LogLine[] {
    const parts = (this.pending[chunk.stream] + chunk.data).split('\n');
    this.pending[chunk.stream] = parts.pop() ?? '';
    return parts.map((text) => ({ stream: chunk.stream, text }));
  }

  /** Each stream's last line that has no newline (yet). */
  flush(): LogLine[] {
    const lines: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.pending[stream] !== '') lines.push({ stream, text: this.pending[stream] });
      this.pending[stream] = '';
    }
    return lines;
  }
}

export function toLogLines(chunks: readonly Pick<OutputChunk, 'stream' | 'data'>[]): LogLine[] {
  const splitter = new LineSplitter();
  return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.flush()];
}
