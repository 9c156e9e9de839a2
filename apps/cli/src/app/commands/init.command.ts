import { unwrap } from '@strato/api-client';
import type { Command } from 'commander';
import { POD_COLUMNS } from '../columns';
import type { ContextFactory } from '../context';
import { render } from '../output';

export function registerInitCommand(program: Command, context: ContextFactory): void {
  program
    .command('init')
    .description('create the default pods light, medium and heavy (idempotent)')
    .action(async (_options, command: Command) => {
      const { client, output, json } = context(command);
      const result = await unwrap(client.POST('/api/v1/cloud/init'));
      if (json) return output.out(JSON.stringify(result, null, 2));
      output.out(
        result.created.length > 0
          ? `created pods: ${result.created.join(', ')}`
          : 'the cloud was already initialised',
      );
      output.out(render(result.pods, POD_COLUMNS, false));
    });
}
