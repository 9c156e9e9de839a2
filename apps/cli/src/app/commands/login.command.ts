import { createStratoClient, unwrap } from '@strato/api-client';
import type { Command } from 'commander';
import { saveLogin } from '../cli-config';
import type { ContextFactory } from '../context';

/** `cloud login`: checks the URL and token against the manager, then keeps them for later commands. */
export function registerLoginCommand(
  program: Command,
  context: ContextFactory,
  fetchImpl?: typeof fetch,
): void {
  program
    .command('login')
    .description('check a manager URL and owner token, and keep them in ~/.config/strato for later commands')
    .action(async (_options, command: Command) => {
      const { connection, output } = context(command);
      if (!connection.token) throw new Error('no token to log in with: pass --token (or set STRATO_TOKEN)');
      const client = createStratoClient({
        baseUrl: connection.url,
        token: connection.token,
        fetch: fetchImpl,
      });
      const pods = await unwrap(client.GET('/api/v1/pods'));
      const dir = saveLogin(connection.url, connection.token);
      output.out(`logged in to ${connection.url} (${pods.length} pods); settings kept in ${dir}`);
    });
}
