import { unwrap } from '@strato/api-client';
import { type Command, InvalidArgumentError } from 'commander';
import { statSync } from 'node:fs';
import { NODE_COLUMNS } from '../columns';
import type { ContextFactory } from '../context';
import { newLines } from '../follow-lines';
import { render } from '../output';
import { CommandFailedError, EXIT } from '../exit-codes';
import { withSpinner } from '../spinner';
import { addSubmitOptions, submit } from './job.command';
import type { SubmitOptions } from './job-submit';

export function registerNodeCommands(program: Command, context: ContextFactory): void {
  program
    .command('register')
    .description('register a node in a pod (status NEW); POD is a name or 0/1/2 (default: light)')
    .argument('<node>', 'node name, e.g. n1')
    .argument('[pod]', 'pod name or alias', 'light')
    .addHelpText(
      'after',
      '\nExamples:\n  cloud register n1            n1 in pod light\n  cloud register m1 medium\n  cloud register h1 2          2 is heavy\nThen: cloud launch POD starts the first NEW node of the pod.',
    )
    .action(async (node: string, pod: string, _options, command: Command) => {
      const { client, output, json } = context(command);
      const created = await unwrap(client.POST('/api/v1/nodes', { body: { name: node, pod } }));
      output.out(
        json
          ? JSON.stringify(created, null, 2)
          : `registered node ${created.name} in pod ${created.pod} (${created.status})`,
      );
    });

  addSubmitOptions(
    program
      .command('launch')
      .description(
        "launch the pod's first NEW node (start it, wait for its health, add it to the load balancer); given a script file, submit it as a batch job instead",
      )
      .argument('<pod>', 'pod name or alias; or a script file, to run as a batch job')
      .argument('[args...]', "the script's arguments (after --)")
      .option('--pod <pod>', 'with a script file: the pod to run it on', 'light'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  cloud launch light          start the first NEW node of pod light\n  cloud launch job.sh         run job.sh as a batch job on pod light (cloud job submit is the long form)\n  cloud launch job.py --pod heavy --wait',
    )
    .action(
      async (
        target: string,
        args: string[],
        options: SubmitOptions & { pod: string; wait?: boolean },
        command: Command,
      ) => {
        const ctx = context(command);
        if (isFile(target)) return submit(ctx, options.pod, { ...options, script: target }, args);
        if (args.length > 0)
          throw new CommandFailedError(
            `${target} is not a file, so it names a pod, and launching a pod takes no further arguments`,
            EXIT.usage,
          );
        const { client, output, json } = ctx;
        const node = await withSpinner(
          output,
          `launching the first NEW node of pod ${target}…`,
          unwrap(client.POST('/api/v1/pods/{pod}/launch', { params: { path: { pod: target } } })),
          json,
        );
        output.out(
          json
            ? JSON.stringify(node, null, 2)
            : `node ${node.name} is ${node.status} at ${node.host}:${node.port}`,
        );
      },
    );

  program
    .command('rm')
    .description(
      'remove a node: drained out of the load balancer (no request lost), then stopped and deleted',
    )
    .argument('<node>', 'node name')
    .argument('[pod]', 'pod the node must be in (name or alias)')
    .action(async (node: string, pod: string | undefined, _options, command: Command) => {
      const { client, output, json } = context(command);
      const removed = await withSpinner(
        output,
        `draining and removing node ${node}…`,
        unwrap(
          client.DELETE('/api/v1/nodes/{name}', {
            params: { path: { name: node }, query: pod ? { pod } : {} },
          }),
        ),
        json,
      );
      output.out(
        json ? JSON.stringify(removed, null, 2) : `removed node ${removed.name} from pod ${removed.pod}`,
      );
    });

  const nodeCommand = program
    .command('node')
    .description('nodes: job servers with a CPU cap and a memory limit');
  nodeCommand
    .command('logs')
    .description("a node's stdout and stderr")
    .argument('<node>', 'node name')
    .option('-n, --tail <lines>', 'how many lines', parsePositiveInt, 100)
    .option('-f, --follow', 'keep printing new lines until interrupted')
    .action(async (node: string, options: { tail: number; follow?: boolean }, command: Command) => {
      const { client, output } = context(command);
      const read = async () =>
        (
          await unwrap(
            client.GET('/api/v1/nodes/{name}/logs', {
              params: { path: { name: node }, query: { tail: options.tail } },
            }),
          )
        ).logs
          .split('\n')
          .filter((line, i, all) => line !== '' || i < all.length - 1);
      let shown = await read();
      if (shown.length > 0) output.out(shown.join('\n'));
      while (options.follow) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const current = await read();
        const fresh = newLines(shown, current);
        if (fresh.length > 0) output.out(fresh.join('\n'));
        shown = current;
      }
    });

  nodeCommand
    .command('ls')
    .description('list nodes, optionally of one pod')
    .argument('[pod]', 'pod name or alias')
    .action(async (pod: string | undefined, _options, command: Command) => {
      const { client, output, json } = context(command);
      const nodes = await unwrap(client.GET('/api/v1/nodes', { params: { query: pod ? { pod } : {} } }));
      output.out(render(nodes, NODE_COLUMNS, json));
    });
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new InvalidArgumentError('must be a whole number from 1 to 10000');
  return n;
}

/** `cloud launch FILE`: an argument naming an existing file is a script, anything else a pod. */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
