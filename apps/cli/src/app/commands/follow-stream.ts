import { openCloudStream, StratoApiError, type StreamFrame, type StreamState } from '@strato/api-client';
import type { CommandContext } from '../context';
import type { Output } from '../output';

export interface StreamQuery {
  since?: number;
  pod?: string;
  metrics?: boolean;
}

export interface StreamHandlers {
  onFrame: (frame: StreamFrame) => void;
  onState?: (state: StreamState) => void;
}

/**
 * Follows `GET /api/v1/stream` with the command's connection until `stop` aborts (then resolves).
 * The stream reconnects by itself; a refusal (a 401, say) closes it for good and rejects with that
 * error, which the CLI prints with its usual advice.
 */
export function followStream(
  ctx: CommandContext,
  query: StreamQuery,
  handlers: StreamHandlers,
  stop: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = openCloudStream({
      baseUrl: ctx.connection.url,
      token: ctx.connection.token ?? '',
      ...query,
      fetch: ctx.fetch,
      onFrame: handlers.onFrame,
      onState: (state) => {
        handlers.onState?.(state);
        if (state.state === 'closed') {
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

/** Says on stderr when the connection drops and when it is back (once each, not on every retry). */
export function reportDrops(output: Output): (state: StreamState) => void {
  let dropped = false;
  return (state) => {
    if (state.state === 'reconnecting' && !dropped) {
      dropped = true;
      output.err(`connection to the manager lost (${state.message}); reconnecting…`);
    } else if (state.state === 'live' && dropped) {
      dropped = false;
      output.err('reconnected; no event missed');
    }
  };
}
