import { unwrap } from '@strato/api-client';
import type { Command } from 'commander';
import { NODE_COLUMNS } from '../columns';
import type { ContextFactory } from '../context';
import { render } from '../output';

export function registerNodeCommands(program: Command, context: ContextFactory): void {
  program
    .command('register')
    .description('register a node in a pod (status NEW); POD is a name or 0/1/2 (default: light)')
    .argument('<node>', 'node name, e.g. n1')
    .argument('[pod]', 'pod name or alias', 'light')
    .action(async (node: string, pod: string, _options, command: Command) => {
      const { client, output, json } = context(command);
      const created = await unwrap(client.POST('/api/v1/nodes', { body: { name: node, pod } }));
      output.out(
        json
          ? JSON.stringify(created, null, 2)
          : `registered node ${created.name} in pod ${created.pod} (${created.status})`,
      );
    });

  program
    .command('launch')
    .description(
      "launch the pod's first NEW node: start it, wait for its health, add it to the load balancer",
    )
    .argument('<pod>', 'pod name or alias')
    .action(async (pod: string, _options, command: Command) => {
      const { client, output, json } = context(command);
      if (!json) output.err(`launching the first NEW node of pod ${pod}…`);
      const node = await unwrap(client.POST('/api/v1/pods/{pod}/launch', { params: { path: { pod } } }));
      output.out(
        json
          ? JSON.stringify(node, null, 2)
          : `node ${node.name} is ${node.status} at ${node.host}:${node.port}`,
      );
    });

  program
    .command('node')
    .description('nodes: job servers with a CPU cap and a memory limit')
    .command('ls')
    .description('list nodes, optionally of one pod')
    .argument('[pod]', 'pod name or alias')
    .action(async (pod: string | undefined, _options, command: Command) => {
      const { client, output, json } = context(command);
      const nodes = await unwrap(client.GET('/api/v1/nodes', { params: { query: pod ? { pod } : {} } }));
      output.out(render(nodes, NODE_COLUMNS, json));
    });
}
