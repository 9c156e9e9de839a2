import { unwrap } from '@strato/api-client';
import type { Command } from 'commander';
import { POD_COLUMNS } from '../columns';
import type { ContextFactory } from '../context';
import { render } from '../output';

export function registerPodCommands(program: Command, context: ContextFactory): void {
  const pod = program
    .command('pod')
    .description('pods: groups of nodes of one size behind one load-balancer path');
  pod
    .command('ls')
    .description('list pods with their caps and node counts')
    .action(async (_options, command: Command) => {
      const { client, output, json } = context(command);
      output.out(render(await unwrap(client.GET('/api/v1/pods')), POD_COLUMNS, json));
    });
}
