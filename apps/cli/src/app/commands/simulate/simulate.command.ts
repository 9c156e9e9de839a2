import { type StratoClient, unwrap } from '@strato/api-client';
import {
  isLoopbackHost,
  type LoadResult,
  NonLoopbackTargetError,
  runLoad,
  type WeightedTarget,
} from '@strato/loadgen';
import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { ContextFactory } from '../../context';
import { CommandFailedError, EXIT } from '../../exit-codes';
import { collect, parseNumber } from '../option-parsers';
import { type LoadSpecOptions, PHASE_FORMS, scheduleOf } from './load-spec';
import { progressLine, simulationReport } from './simulate-report';

interface SimulateOptions extends LoadSpecOptions {
  pod: string[];
  timeout: number;
  maxInFlight: number;
  out?: string;
  progress: boolean;
}

const usage = (message: string): CommandFailedError => new CommandFailedError(message, EXIT.usage);

/** `--pod light=70 --pod medium=30`: the pods and their shares, each checked against the manager's. */
async function podTargets(client: StratoClient, specs: string[], lbUrl: string): Promise<WeightedTarget[]> {
  const known = (await unwrap(client.GET('/api/v1/pods'))).map((p) => p.name);
  return specs.map((spec) => {
    const [name, weightText] = spec.split('=');
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (!known.includes(name)) throw usage(`unknown pod "${name}"; known pods: ${known.join(', ')}`);
    if (!(weight > 0) || !Number.isFinite(weight))
      throw usage(`--pod ${spec}: the share after = must be a number above 0`);
    return { name, weight, url: `${lbUrl}/${name}` };
  });
}

async function simulate(options: SimulateOptions, command: Command, context: ContextFactory): Promise<void> {
  const { client, output, json } = context(command);
  const schedule = scheduleOf(options);
  const lb = await unwrap(client.GET('/api/v1/lb'));
  const target = await podTargets(client, options.pod.length ? options.pod : ['light'], lb.url);
  output.err(
    `simulating end users: ${schedule.label}, to ${target.map((t) => `${t.name} (share ${t.weight})`).join(', ')} through ${lb.url}`,
  );
  let result: LoadResult;
  try {
    result = await runLoad({
      target,
      schedule,
      seed: options.seed,
      timeoutMs: options.timeout,
      maxInFlight: options.maxInFlight,
      onProgress: options.progress ? (p) => output.err(progressLine(p)) : undefined,
    });
  } catch (error) {
    if (error instanceof NonLoopbackTargetError)
      throw usage(`${error.message}: simulated users send only to this machine's load balancer`);
    throw error;
  }
  if (options.out) writeFileSync(options.out, `${JSON.stringify({ kind: 'simulation', result }, null, 2)}\n`);
  output.out(json ? JSON.stringify(result, null, 2) : simulationReport(result));
  if (options.out) output.err(`run saved to ${options.out}`);
}

export function registerSimulateCommands(program: Command, context: ContextFactory): void {
  program
    .command('simulate')
    .description(
      'end users sending requests to pods through the load balancer: Poisson arrivals (seeded), phases or a trace, latency from the intended send time',
    )
    .option(
      '--pod <pod[=share]>',
      'a pod to send to, with its share of requests (repeat; default light)',
      collect,
      [],
    )
    .option('--rate <r>', 'requests per second (Poisson), with --duration', parseNumber)
    .option('--duration <s>', 'seconds, with --rate', parseNumber)
    .option('--phase <spec>', `a phase (repeat, played in order): ${PHASE_FORMS.join(', ')}`, collect, [])
    .option('--trace <file>', 'replay a CSV trace (first column)')
    .addOption(
      new Option('--trace-kind <kind>', 'what the trace holds: send times in s, or per-second rates')
        .choices(['timestamps', 'rates'])
        .default('timestamps'),
    )
    .option(
      '--seed <n>',
      'seeds the arrivals and the pod mix: the same seed sends the same schedule',
      parseNumber,
      1,
    )
    .option('--timeout <ms>', 'a request unanswered this long counts as a timeout', parseNumber, 10_000)
    .option(
      '--max-in-flight <n>',
      'arrivals due while this many wait are dropped (and said)',
      parseNumber,
      1024,
    )
    .option('--out <file>', 'save the whole run (JSON) for a report')
    .option('--no-progress', 'no line per second while it runs')
    .addHelpText(
      'after',
      '\nExamples:\n  cloud simulate --rate 50 --duration 30\n  cloud simulate --pod light=70 --pod medium=25 --pod heavy=5 --phase constant:20:10 --phase ramp:20:200:30 --seed 7\n  cloud simulate --trace day.csv --trace-kind rates --out run.json',
    )
    .action((options: SimulateOptions, command: Command) => simulate(options, command, context));

  program
    .command('request')
    .description('one end user: sends requests to the pod one after another and prints each answer')
    .argument('<pod>', 'pod name')
    .option('-n, --count <n>', 'how many', parseNumber, 1)
    .action(async (pod: string, options: { count: number }, command: Command) => {
      const { client, output, json } = context(command);
      if (!Number.isInteger(options.count) || options.count < 1 || options.count > 10_000)
        throw usage('-n must be a whole number from 1 to 10000');
      const [target] = await podTargets(client, [pod], (await unwrap(client.GET('/api/v1/lb'))).url);
      if (!isLoopbackHost(new URL(target.url).hostname))
        throw usage(
          `the load balancer at ${target.url} is not on this machine: end users send only to loopback`,
        );
      const answers = [];
      for (let i = 1; i <= options.count; i++) {
        const started = performance.now();
        const response = await fetch(target.url).catch((error: Error) => error);
        const ms = performance.now() - started;
        if (response instanceof Error) {
          answers.push({ request: i, status: null, node: null, ms, error: response.message });
          continue;
        }
        const text = await response.text();
        const node = (() => {
          try {
            return (JSON.parse(text) as { node?: string }).node ?? null;
          } catch {
            return null;
          }
        })();
        answers.push({ request: i, status: response.status, node, ms, error: null });
      }
      output.out(
        json
          ? JSON.stringify(answers, null, 2)
          : answers
              .map((a) => `#${a.request}  ${a.status ?? a.error}  ${a.node ?? '-'}  ${a.ms.toFixed(1)} ms`)
              .join('\n'),
      );
    });
}
