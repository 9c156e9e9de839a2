import type { Response } from 'express';
import type { FollowEvent } from './job-logs.service';

/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

function toFrame(event: FollowEvent): string {
  if (event.type === 'line') return frame('line', event.line);
  if (event.type === 'attempt') return frame('attempt', { attempt: event.attempt, node: event.node });
  return frame('end', { status: event.status, attempt: event.attempt });
}

/** Writes followed log events as server-sent events until they end or the client goes away. */
export async function streamFollowedLogs(
  response: Response,
  events: (signal: AbortSignal) => AsyncIterable<FollowEvent>,
): Promise<void> {
  const gone = new AbortController();
  response.on('close', () => gone.abort());
  response.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  response.flushHeaders();
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  try {
    for await (const event of events(gone.signal)) {
      if (gone.signal.aborted) break;
      response.write(toFrame(event));
    }
  } catch (error) {
    // Headers are sent: the failure can only be told in the stream itself.
    if (!gone.signal.aborted) response.write(frame('error', { message: (error as Error).message }));
  } finally {
    clearInterval(keepAlive);
    response.end();
  }
}
