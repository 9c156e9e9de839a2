import { unwrap } from '@strato/api-client';
import { type Command, Option } from 'commander';
import { placementText, POD_COLUMNS } from '../columns';
import type { ContextFactory } from '../context';
import { parseLabels, parseNumber } from './option-parsers';
import { render } from '../output';

/** Said only when a node runs more than the one batch job at a time that is the default. */
const slotsNote = (slots: number): string => (slots > 1 ? `, ${slots} batch jobs per node` : '');

export function registerPodCommands(program: Command, context: ContextFactory): void {
  const pod = program
    .command('pod')
    .description('pods: groups of nodes of one size behind one load-balancer path');
  pod
    .command('register')
    .description(
      'register a pod; its nodes get this CPU quota and memory limit, and /NAME on the load balancer',
    )
    .argument('<name>', 'pod name: lower-case letters, digits and dashes')
    .option('--cpu <cpus>', "CPU quota per node, in CPUs (default: the light pod's, 0.3)", parseNumber)
    .option('--memory <mib>', 'memory limit per node, in MiB (default 100)', parseNumber)
    .option('--max-nodes <n>', 'most nodes the pod may have (default 20)', parseNumber)
    .option('--job-slots <n>', 'batch jobs each node runs at once (default: the manager’s, 1)', parseNumber)
    .addOption(jobOption('what GET /NAME runs (default: heavy for heavy, medium for medium, else light)'))
    .option(
      '--job-scale <scale>',
      "work size relative to the job's standard one, (0, 10] (default 1)",
      parseNumber,
    )
    .addOption(placementOption('where its nodes go (default spread)'))
    .option('--host-labels <k=v,…>', 'only hosts whose agent has these labels', parseLabels)
    .addOption(
      new Option('--algorithm <algo>', 'balance algorithm').choices([
        'roundrobin',
        'leastconn',
        'first',
        'random',
        'source',
        'uri',
      ]),
    )
    .action(
      async (
        name: string,
        options: JobOptions & {
          cpu?: number;
          memory?: number;
          maxNodes?: number;
          jobSlots?: number;
          algorithm?: 'roundrobin';
        } & PlacementOptions,
        command: Command,
      ) => {
        const { client, output, json } = context(command);
        const body = {
          name,
          cpus: options.cpu,
          memoryMiB: options.memory,
          maxNodes: options.maxNodes,
          jobSlots: options.jobSlots,
          algorithm: options.algorithm,
          job: jobChange(options),
          placement: placementChange(options),
        };
        const created = await unwrap(client.POST('/api/v1/pods', { body }));
        output.out(
          json
            ? JSON.stringify(created, null, 2)
            : `registered pod ${created.name} (${created.cpus} CPU, ${created.memoryMiB} MiB, at most ${created.maxNodes} nodes) at ${created.path}, running the ${created.job.kind} job at scale ${created.job.scale}${slotsNote(created.jobSlots)}, placed ${placementText(created.placement)}`,
        );
      },
    );

  pod
    .command('set')
    .description(
      "change a pod's node size (for nodes launched from now on), its maximum nodes, or its job (at once)",
    )
    .argument('<pod>', 'pod name or alias')
    .option('--cpu <cpus>', 'CPU quota per node', parseNumber)
    .option('--memory <mib>', 'memory limit per node, MiB', parseNumber)
    .option('--max-nodes <n>', 'most nodes', parseNumber)
    .option('--job-slots <n>', 'batch jobs each node runs at once, from the next dispatch on', parseNumber)
    .addOption(jobOption('what GET /POD runs'))
    .option('--job-scale <scale>', "work size relative to the job's standard one, (0, 10]", parseNumber)
    .addOption(placementOption('where its nodes go from now on'))
    .option('--host-labels <k=v,…>', "only hosts with these labels ('' for any host)", parseLabels)
    .action(
      async (
        name: string,
        options: JobOptions &
          PlacementOptions & { cpu?: number; memory?: number; maxNodes?: number; jobSlots?: number },
        command: Command,
      ) => {
        const { client, output, json } = context(command);
        const body = {
          cpus: options.cpu,
          memoryMiB: options.memory,
          maxNodes: options.maxNodes,
          jobSlots: options.jobSlots,
          job: jobChange(options),
          placement: placementChange(options),
        };
        const pod = await unwrap(
          client.PATCH('/api/v1/pods/{pod}', { params: { path: { pod: name } }, body }),
        );
        output.out(
          json
            ? JSON.stringify(pod, null, 2)
            : `pod ${pod.name}: ${pod.cpus} CPU, ${pod.memoryMiB} MiB, at most ${pod.maxNodes} nodes, runs the ${pod.job.kind} job at scale ${pod.job.scale}${slotsNote(pod.jobSlots)}, placed ${placementText(pod.placement)}`,
        );
      },
    );

  pod
    .command('rm')
    .description(
      'remove a pod; refused while it has nodes or unfinished batch jobs unless --force (aborts the jobs, drains and removes the nodes)',
    )
    .argument('<pod>', 'pod name or alias')
    .option('--force', 'abort its batch jobs, drain and remove its nodes first')
    .action(async (name: string, options: { force?: boolean }, command: Command) => {
      const { client, output, json } = context(command);
      const query = options.force ? { force: true } : {};
      const removed = await unwrap(
        client.DELETE('/api/v1/pods/{pod}', { params: { path: { pod: name }, query } }),
      );
      output.out(json ? JSON.stringify(removed, null, 2) : `removed pod ${removed.name}`);
    });

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

interface JobOptions {
  job?: 'light' | 'medium' | 'heavy';
  jobScale?: number;
}

const jobOption = (description: string): Option =>
  new Option('--job <kind>', description).choices(['light', 'medium', 'heavy']);

/** The pod's job as the options say; nothing when neither is given, so the API keeps or defaults it. */
function jobChange(options: JobOptions): { kind?: JobOptions['job']; scale?: number } | undefined {
  if (options.job === undefined && options.jobScale === undefined) return undefined;
  return { kind: options.job, scale: options.jobScale };
}

interface PlacementOptions {
  placement?: 'spread' | 'one-host';
  hostLabels?: Record<string, string>;
}

function placementOption(description: string): Option {
  return new Option('--placement <mode>', `${description}: spread over hosts, or one-host`).choices([
    'spread',
    'one-host',
  ]);
}

/** Only what was said: a pod keeps the rest of its placement. */
function placementChange(options: PlacementOptions) {
  if (options.placement === undefined && options.hostLabels === undefined) return undefined;
  return { mode: options.placement, labels: options.hostLabels };
}
