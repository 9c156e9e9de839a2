import { unwrap } from '@strato/api-client';
import { isLoopbackHost } from '@strato/loadgen';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { ContextFactory } from '../../context';
import { renderText } from '../../report/render-text';
import { BALANCE_ALGORITHMS } from '../lb.command';
import { collect, parseNumber } from '../option-parsers';
import { between, list, MAX_RUN_S, MAX_TOTAL_S, MAX_WARM_UP_S, usage } from './experiment-options';
import { saveReport, stamp } from './save-report';
import { lbExperimentDocument } from './lb-experiment-document';
import { type LbExperimentSettings, runLbExperiment } from './lb-experiment';

const MAX_LOAD_FRACTION = 3;

interface LbOptions {
  pod: string[];
  algorithms: string;
  nodes?: number;
  loads: string;
  duration: number;
  capacityDuration: number;
  seed: number;
  outDir?: string;
  progress: boolean;
}

/** Every option checked before anything is sent or changed. */
function lbSettings(options: LbOptions): LbExperimentSettings {
  const algorithms = list(options.algorithms);
  const unknown = algorithms.filter((a) => !(BALANCE_ALGORITHMS as readonly string[]).includes(a));
  if (algorithms.length === 0 || unknown.length > 0)
    throw usage(
      `--algorithms: unknown "${unknown.join(', ')}"; give some of ${BALANCE_ALGORITHMS.join(', ')}`,
    );
  const loads = list(options.loads).map(Number);
  if (loads.length === 0 || loads.some((l) => !(l > 0 && l <= MAX_LOAD_FRACTION)))
    throw usage(
      `--loads: fractions of the capacity above 0 and at most ${MAX_LOAD_FRACTION}, comma-separated (e.g. 0.5,0.7,1.2), got "${options.loads}"`,
    );
  const pods = options.pod.length ? [...new Set(options.pod)] : ['light'];
  const durationS = between('--duration', options.duration, 1, MAX_RUN_S);
  const capacityS = between('--capacity-duration', options.capacityDuration, 1, MAX_RUN_S);
  const totalS = pods.length * (capacityS + MAX_WARM_UP_S + algorithms.length * loads.length * durationS);
  if (totalS > MAX_TOTAL_S)
    throw usage(
      `the experiment would send load for ${totalS} s; at most ${MAX_TOTAL_S} s, split it into runs`,
    );
  return {
    pods,
    algorithms,
    nodes: options.nodes === undefined ? undefined : between('--nodes', options.nodes, 1, 64, true),
    loads,
    durationS,
    capacityS,
    seed: options.seed,
    progress: options.progress,
  };
}

export function registerLbExperiment(experiment: Command, context: ContextFactory): void {
  experiment
    .command('lb')
    .description(
      "load balancing: per pod its capacity measured first, then per algorithm Poisson load at shares of it; throughput, latency, each node's share of requests and CPU",
    )
    .option('--pod <pod>', 'a pod to measure (repeat; default light)', collect, [])
    .option('--algorithms <list>', 'balance algorithms to compare, comma-separated', 'roundrobin,leastconn')
    .option(
      '--nodes <n>',
      'hold each pod at this many nodes (launched if missing; default: as it is)',
      parseNumber,
    )
    .option('--loads <list>', 'loads as fractions of the measured capacity', '0.5,0.7,1.2')
    .option('--duration <s>', 'seconds of each algorithm × load run', parseNumber, 20)
    .option('--capacity-duration <s>', 'seconds the capacity is measured for', parseNumber, 10)
    .option('--seed <n>', 'seeds the arrivals: the same seed sends the same schedule', parseNumber, 1)
    .option('--out-dir <dir>', 'where report.json and report.html go (default experiments/lb-<time>)')
    .option('--no-progress', 'no line per second while a run goes')
    .addHelpText(
      'after',
      '\nExamples:\n  cloud experiment lb\n  cloud experiment lb --pod light --pod medium --nodes 3 --algorithms roundrobin,leastconn,random --loads 0.5,0.7,1.2 --duration 30',
    )
    .action(async (options: LbOptions, command: Command) => {
      const { client, output, json } = context(command);
      const settings = lbSettings(options);
      const [pods, lb] = await Promise.all([
        unwrap(client.GET('/api/v1/pods')),
        unwrap(client.GET('/api/v1/lb')),
      ]);
      const unknown = settings.pods.filter((p) => !pods.some((known) => known.name === p));
      if (unknown.length > 0)
        throw usage(`unknown pod "${unknown.join(', ')}"; known pods: ${pods.map((p) => p.name).join(', ')}`);
      if (!isLoopbackHost(new URL(lb.url).hostname))
        throw usage(
          `the load balancer at ${lb.url} is not on this machine: experiments send only to loopback`,
        );
      const report = await runLbExperiment(client, output, settings);
      const document = lbExperimentDocument(report);
      const files = saveReport(options.outDir ?? join('experiments', `lb-${stamp()}`), report, document);
      output.out(json ? JSON.stringify(report, null, 2) : renderText(document));
      output.err(`report written to ${files.join(' and ')}`);
    });
}
