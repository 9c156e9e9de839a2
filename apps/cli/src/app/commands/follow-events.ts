import { type CloudEvent, openCloudStream, StratoApiError, type StreamFrame } from '@strato/api-client';
import { EVENT_COLUMNS } from '../columns';
import type { CommandContext } from '../context';

export interface EventFilter {
  pod?: string;
  node?: string;
}

/** One event as one line, the columns of `cloud events` without the table. */
export function eventLine(event: CloudEvent): string {
  return EVENT_COLUMNS.map((column) => column.value(event) ?? '-').join('  ');
}

/**
 * Prints each event as the manager keeps it, from just after `since` (nothing missed in between),
 * until `stop` aborts. Says on stderr when the connection drops and when it is back; a refusal
 * (a 401, say) ends it with that error.
 */
export function followEvents(
  ctx: CommandContext,
  filter: EventFilter,
  since: number | undefined,
  stop: AbortSignal,
): Promise<void> {
  const { output, json, connection } = ctx;
  return new Promise((resolve, reject) => {
    let dropped = false;
    const print = (frame: StreamFrame): void => {
      if (frame.kind === 'reset')
        output.err(`!!! some events were missed (${frame.reason}); following from here`);
      if (frame.kind !== 'events') return;
      for (const event of frame.events) {
        if (filter.node !== undefined && event.node !== filter.node) continue;
        output.out(json ? JSON.stringify(event) : eventLine(event));
      }
    };
    const stream = openCloudStream({
      baseUrl: connection.url,
      token: connection.token ?? '',
      since,
      pod: filter.pod,
      fetch: ctx.fetch,
      onFrame: print,
      onState: (state) => {
        if (state.state === 'reconnecting' && !dropped) {
          dropped = true;
          output.err(`connection to the manager lost (${state.message}); reconnecting…`);
        } else if (state.state === 'live' && dropped) {
          dropped = false;
          output.err('reconnected; no event missed');
        } else if (state.state === 'closed') {
          stream.close();
          reject(new StratoApiError(state.status ?? 0, state.message, undefined));
        }
      },
    });
    const end = (): void => {
      stream.close();
      resolve();
    };
    if (stop.aborted) end();
    else stop.addEventListener('abort', end, { once: true });
  });
}
