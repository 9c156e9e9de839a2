import type { ServerSentEvents } from '../../sse/server-sent-events';
import type { FollowEvent } from './job-logs.service';

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

function toFrame(event: FollowEvent): string {
  if (event.type === 'line') return frame('line', event.line);
  if (event.type === 'attempt') return frame('attempt', { attempt: event.attempt, node: event.node });
  return frame('end', { status: event.status, attempt: event.attempt });
}

/** Writes followed log events as server-sent events until they end or the client goes away. */
export async function streamFollowedLogs(
  stream: ServerSentEvents,
  events: (signal: AbortSignal) => AsyncIterable<FollowEvent>,
): Promise<void> {
  try {
    for await (const event of events(stream.gone)) {
      if (stream.gone.aborted) break;
      stream.write(toFrame(event));
    }
  } catch (error) {
    // Headers are sent: the failure can only be told in the stream itself.
    if (!stream.gone.aborted) stream.write(frame('error', { message: (error as Error).message }));
  } finally {
    stream.end();
  }
}
