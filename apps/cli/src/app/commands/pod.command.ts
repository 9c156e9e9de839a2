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

  for (const [verb, path, done] of [
    ['pause', '/api/v1/pods/{pod}/pause', 'paused: its path answers 503 and its nodes are out of rotation'],
    ['resume', '/api/v1/pods/{pod}/resume', 'running: its nodes serve again'],
  ] as const) {
    program
      .command(verb)
      .description(`${verb} a pod (name or 0/1/2)`)
      .argument('<pod>', 'pod name or alias')
      .action(async (pod: string, _options, command: Command) => {
        const { client, output, json } = context(command);
        const result = await unwrap(client.POST(path, { params: { path: { pod } } }));
        output.out(json ? JSON.stringify(result, null, 2) : `pod ${result.name} is ${done}`);
      });
  }
}
