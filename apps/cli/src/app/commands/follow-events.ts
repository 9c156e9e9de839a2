import type { CloudEvent, StreamFrame } from '@strato/api-client';
import { EVENT_COLUMNS } from '../columns';
import type { CommandContext } from '../context';
import { followStream, reportDrops } from './follow-stream';

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
  const { output, json } = ctx;
  const print = (frame: StreamFrame): void => {
    if (frame.kind === 'reset')
      output.err(`!!! some events were missed (${frame.reason}); following from here`);
    if (frame.kind !== 'events') return;
    for (const event of frame.events) {
      if (filter.node !== undefined && event.node !== filter.node) continue;
      output.out(json ? JSON.stringify(event) : eventLine(event));
    }
  };
  return followStream(
    ctx,
    { since, pod: filter.pod },
    { onFrame: print, onState: reportDrops(output) },
    stop,
  );
}
