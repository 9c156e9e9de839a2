import { createStratoClient, type StratoClient } from '@strato/api-client';
import type { Command } from 'commander';
import { type Connection, resolveConnection } from './connection';
import type { Output } from './output';

export interface GlobalOptions {
  url?: string;
  token?: string;
  json?: boolean;
}

/** What every command action gets: the client, the output and the global flags. */
export interface CommandContext {
  client: StratoClient;
  connection: Connection;
  output: Output;
  json: boolean;
  /** For the routes the typed client cannot read (a text/event-stream), with the same connection. */
  fetch: typeof fetch;
}

export type ContextFactory = (command: Command) => CommandContext;

export function contextFactory(output: Output, fetchImpl?: typeof fetch): ContextFactory {
  return (command) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    const connection = resolveConnection(options);
    const client = createStratoClient({ baseUrl: connection.url, token: connection.token, fetch: fetchImpl });
    return {
      client,
      connection,
      output,
      json: Boolean(options.json),
      fetch: fetchImpl ?? globalThis.fetch,
    };
  };
}
