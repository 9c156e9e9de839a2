import { type JobLogs, StratoApiError, unwrap } from '@strato/api-client';
import type { CommandContext } from '../context';
import { sseEvents } from '../sse-events';

export interface LogOptions {
  stream?: 'stdout' | 'stderr' | 'both';
  tail?: number;
  attempt?: number;
  follow?: boolean;
}

interface Line {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A job's output as docker logs prints a container's: its stdout on stdout, its stderr on stderr. */
export async function printJobLogs(ctx: CommandContext, id: string, options: LogOptions): Promise<void> {
  const query = { stream: options.stream, tail: options.tail, attempt: options.attempt };
  if (!options.follow) {
    // Without follow the answer is the JSON one (the route also documents its event stream).
    const logs = (await unwrap(
      ctx.client.GET('/api/v1/jobs/{id}/logs', { params: { path: { id }, query } }),
    )) as JobLogs;
    if (ctx.json) return ctx.output.out(JSON.stringify(logs, null, 2));
    if (logs.attempt === null) ctx.output.err(`job ${id} has not started yet: no output`);
    for (const line of logs.lines) print(ctx, line);
    return;
  }
  await followJobLogs(ctx, id, query);
}

async function followJobLogs(
  ctx: CommandContext,
  id: string,
  query: Omit<LogOptions, 'follow'>,
): Promise<void> {
  const params = new URLSearchParams({ follow: 'true' });
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const url = `${ctx.connection.url.replace(/\/+$/, '')}/api/v1/jobs/${encodeURIComponent(id)}/logs?${params}`;
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (ctx.connection.token) headers['authorization'] = `Bearer ${ctx.connection.token}`;
  const response = await ctx.fetch(url, { headers });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
    throw new StratoApiError(
      response.status,
      body?.message ?? `${response.status} ${response.statusText}`,
      body,
    );
  }
  const reader = response.body.getReader();
  const chunks = async function* () {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  };
  for await (const event of sseEvents(chunks())) {
    const data = JSON.parse(event.data);
    if (ctx.json) ctx.output.out(JSON.stringify({ event: event.event, ...data }));
    else if (event.event === 'line') print(ctx, data as Line);
    else if (event.event === 'attempt')
      ctx.output.err(`--- attempt ${data.attempt} on node ${data.node} ---`);
    else if (event.event === 'end') ctx.output.err(`--- job ${id} ${data.status} ---`);
    else if (event.event === 'error') throw new Error(`the log stream broke: ${data.message}`);
  }
}

function print(ctx: CommandContext, line: Line): void {
  if (line.stream === 'stderr') ctx.output.err(line.text);
  else ctx.output.out(line.text);
}
