import { type Elasticity, unwrap } from '@strato/api-client';
import { type Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { ContextFactory } from '../context';
import { EXIT } from '../exit-codes';
import { type Column, render } from '../output';

const number = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError('must be a number');
  return n;
};

const COLUMNS: Column<Elasticity>[] = [
  { header: 'POD', value: (e) => e.pod },
  { header: 'ELASTICITY', value: (e) => (e.enabled ? 'on' : 'off') },
  { header: 'POLICY', value: (e) => describePolicy(e.policy) },
  {
    header: 'METRIC',
    value: (e) => (e.status?.value === null || !e.status ? '-' : e.status.value.toFixed(1)),
  },
  {
    header: 'NODES',
    value: (e) =>
      e.status ? `${e.status.readyNodes} ready / ${e.status.currentNodes} → ${e.status.desiredNodes}` : '-',
  },
  { header: 'REASON', value: (e) => e.status?.reason },
];

const UNITS: Record<string, string> = {
  cpu: '%',
  requestsPerNode: 'req/s per node',
  latencyP90: 'ms',
  queueDepth: 'requests per job thread',
  jobBacklog: 'batch jobs per slot',
};

function describePolicy(policy: Record<string, unknown>): string {
  const warm = Number(policy['warmNodes'] ?? 0) > 0 ? ` + ${policy['warmNodes']} warm` : '';
  const bounds = `${policy['minNodes']}-${policy['maxNodes']} nodes${warm}`;
  const unit = UNITS[String(policy['metric'])] ?? '';
  return policy['kind'] === 'threshold'
    ? `${policy['metric']} [${policy['lower']}, ${policy['upper']}] ${unit} ${bounds}`
    : `${policy['metric']} target ${policy['target']} ${unit} ${bounds}`;
}

/**
 * Seed 003 wrote CPU thresholds as fractions (0.2); here they are percent of the node's cap, so 0.2 would
 * be 0.2 % and the pod would never scale in. Said, instead of done.
 */
export function thresholdMistake(metric: string, value: number): string | undefined {
  if (metric !== 'cpu' || value <= 0 || value >= 1) return undefined;
  return `cpu thresholds are percent of the node's CPU cap: ${value} would be ${value} %; for ${Math.round(value * 1000) / 10} % write ${Math.round(value * 1000) / 10}`;
}

export function registerElasticityCommands(program: Command, context: ContextFactory): void {
  const elasticity = program.command('elasticity').description('pods that grow and shrink with demand');
  const show = (json: boolean, result: Elasticity | Elasticity[]) =>
    json ? JSON.stringify(result, null, 2) : render(result, COLUMNS, false);

  elasticity
    .command('enable')
    .description('turn elasticity on for a pod, between LOWER_SIZE and UPPER_SIZE nodes')
    .argument('<pod>')
    .argument('<lower_size>', 'fewest nodes', number)
    .argument('<upper_size>', 'most nodes', number)
    .action(async (pod: string, minNodes: number, maxNodes: number, _o, command: Command) => {
      const { client, output, json } = context(command);
      const path = { pod };
      output.out(
        show(
          json,
          await unwrap(
            client.POST('/api/v1/pods/{pod}/elasticity/enable', {
              params: { path },
              body: { minNodes, maxNodes },
            }),
          ),
        ),
      );
    });

  elasticity
    .command('disable')
    .description('turn elasticity off for a pod (its nodes stay)')
    .argument('<pod>')
    .action(async (pod: string, _o, command: Command) => {
      const { client, output, json } = context(command);
      output.out(
        show(
          json,
          await unwrap(client.POST('/api/v1/pods/{pod}/elasticity/disable', { params: { path: { pod } } })),
        ),
      );
    });

  for (const [name, field] of [
    ['lower_threshold', 'lower'],
    ['upper_threshold', 'upper'],
  ] as const) {
    elasticity
      .command(name)
      .description(`set the ${field} threshold of a pod's threshold policy`)
      .argument('<pod>')
      .argument('<value>', 'threshold', number)
      .action(async (pod: string, value: number, _o, command: Command) => {
        const { client, output, json } = context(command);
        if (value > 0 && value < 1) {
          const current = await unwrap(
            client.GET('/api/v1/pods/{pod}/elasticity', { params: { path: { pod } } }),
          );
          const mistake = thresholdMistake(
            String((current.policy as Record<string, unknown>)['metric']),
            value,
          );
          if (mistake) {
            output.err(`error: ${mistake}`);
            throw new CommanderError(EXIT.usage, 'strato.thresholdUnit', mistake);
          }
        }
        output.out(
          show(
            json,
            await unwrap(
              client.PUT('/api/v1/pods/{pod}/elasticity', {
                params: { path: { pod } },
                body: { [field]: value },
              }),
            ),
          ),
        );
      });
  }

  elasticity
    .command('set')
    .description("change any part of a pod's policy")
    .argument('<pod>')
    .addOption(new Option('--policy <kind>', 'policy').choices(['threshold', 'target-tracking']))
    .addOption(new Option('--metric <metric>', 'metric').choices(Object.keys(UNITS)))
    .option('--lower <n>', 'threshold: scale in below', number)
    .option('--upper <n>', 'threshold: scale out above', number)
    .option('--target <n>', 'target-tracking: value to hold', number)
    .option('--tolerance <f>', 'target-tracking: tolerance (0.1 = 10 %)', number)
    .option('--min <n>', 'fewest nodes', number)
    .option('--max <n>', 'most nodes', number)
    .option('--warm <n>', 'warm nodes kept ready out of the load balancer, promoted at a scale-out', number)
    .option('--step <n>', 'nodes per scaling step', number)
    .option('--cooldown-up <ms>', 'wait after a scale-out', number)
    .option('--cooldown-down <ms>', 'wait after a scale-in', number)
    .option('--window <ms>', 'averaging window', number)
    .action(async (pod: string, o: Record<string, number | string | undefined>, command: Command) => {
      const { client, output, json } = context(command);
      const body = {
        kind: o['policy'] as 'threshold' | undefined,
        metric: o['metric'] as 'cpu' | undefined,
        lower: o['lower'] as number | undefined,
        upper: o['upper'] as number | undefined,
        target: o['target'] as number | undefined,
        tolerance: o['tolerance'] as number | undefined,
        minNodes: o['min'] as number | undefined,
        maxNodes: o['max'] as number | undefined,
        warmNodes: o['warm'] as number | undefined,
        step: o['step'] as number | undefined,
        scaleOutCooldownMs: o['cooldownUp'] as number | undefined,
        scaleInCooldownMs: o['cooldownDown'] as number | undefined,
        windowMs: o['window'] as number | undefined,
      };
      output.out(
        show(
          json,
          await unwrap(client.PUT('/api/v1/pods/{pod}/elasticity', { params: { path: { pod } }, body })),
        ),
      );
    });

  elasticity
    .command('status')
    .description('current metric, desired vs actual nodes, conditions and the last decisions')
    .argument('[pod]')
    .action(async (pod: string | undefined, _o, command: Command) => {
      const { client, output, json } = context(command);
      if (!pod) return output.out(show(json, await unwrap(client.GET('/api/v1/elasticity'))));
      const one = await unwrap(client.GET('/api/v1/pods/{pod}/elasticity', { params: { path: { pod } } }));
      if (json) return output.out(JSON.stringify(one, null, 2));
      output.out(show(false, one));
      for (const c of one.status?.conditions ?? [])
        output.out(`  ${c.type}=${c.status} ${c.reason}: ${c.message}`);
      const decisions = await unwrap(
        client.GET('/api/v1/events', { params: { query: { pod: one.pod, limit: 10 } } }),
      );
      for (const e of decisions.filter((d) => /^Scale|Elasticity/.test(d.type)))
        output.out(`  ${e.at} ${e.type} ${e.message}`);
    });
}
