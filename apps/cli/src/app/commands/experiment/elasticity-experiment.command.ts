import { unwrap } from '@strato/api-client';
import { isLoopbackHost } from '@strato/loadgen';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { ContextFactory } from '../../context';
import { renderText } from '../../report/render-text';
import { collect, parseNumber } from '../option-parsers';
import { elasticityExperimentDocument } from './elasticity-experiment-document';
import { type ElasticitySettings, runElasticityExperiment } from './elasticity-experiment';
import type { ScenarioName } from './elasticity-experiment-report';
import { parsePolicy, POLICY_PRESETS } from './elasticity-policies';
import { between, list, MAX_RUN_S, MAX_TOTAL_S, MAX_WARM_UP_S, usage } from './experiment-options';
import { saveReport, stamp } from './save-report';

interface ElasticityOptions {
  pod: string;
  policies: string;
  policy: string[];
  scenarios: string;
  base: number;
  peak: number;
  lead: number;
  step: number;
  spike: number;
  tail: number;
  minNodes: number;
  maxNodes: number;
  sloMs: number;
  capacityDuration: number;
  seed: number;
  outDir?: string;
  progress: boolean;
}

const SCENARIOS: readonly ScenarioName[] = ['step', 'spike'];

function elasticitySettings(options: ElasticityOptions): ElasticitySettings {
  const policies = [...list(options.policies), ...options.policy].map(parsePolicy);
  if (policies.length === 0) throw usage(`give a policy: ${Object.keys(POLICY_PRESETS).join(', ')}`);
  if (new Set(policies.map((p) => p.name)).size !== policies.length)
    throw usage(`policy names must differ: ${policies.map((p) => p.name).join(', ')}`);
  const scenarios = list(options.scenarios) as ScenarioName[];
  if (scenarios.length === 0 || scenarios.some((s) => !SCENARIOS.includes(s)))
    throw usage(`--scenarios: some of ${SCENARIOS.join(', ')}, comma-separated, got "${options.scenarios}"`);
  const minNodes = between('--min-nodes', options.minNodes, 1, 64, true);
  const maxNodes = between('--max-nodes', options.maxNodes, minNodes, 64, true);
  const times = {
    leadS: between('--lead', options.lead, 1, MAX_RUN_S),
    stepS: between('--step', options.step, 1, MAX_RUN_S),
    spikeS: between('--spike', options.spike, 1, MAX_RUN_S),
    tailS: between('--tail', options.tail, 1, MAX_RUN_S),
  };
  const capacityS = between('--capacity-duration', options.capacityDuration, 1, MAX_RUN_S);
  const perRun = (s: ScenarioName) => times.leadS + (s === 'step' ? times.stepS : times.spikeS) + times.tailS;
  const totalS =
    capacityS + MAX_WARM_UP_S + scenarios.reduce((sum, s) => sum + perRun(s) * policies.length, 0);
  if (totalS > MAX_TOTAL_S)
    throw usage(
      `the experiment would send load for ${totalS} s; at most ${MAX_TOTAL_S} s, split it into runs`,
    );
  return {
    pod: options.pod,
    policies,
    scenarios,
    base: between('--base', options.base, 0.01, 64),
    peak: between('--peak', options.peak, 0.01, 64),
    times,
    minNodes,
    maxNodes,
    sloMs: between('--slo-ms', options.sloMs, 1, 600_000),
    capacityS,
    seed: options.seed,
    progress: options.progress,
  };
}

export function registerElasticityExperiment(experiment: Command, context: ContextFactory): void {
  experiment
    .command('elasticity')
    .description(
      'elasticity: per load shape (a step, a spike) and policy, from the fewest nodes: reaction time, node-seconds, time over a latency SLO, direction changes, under- and over-provisioning',
    )
    .option('--pod <pod>', 'the pod', 'light')
    .option(
      '--policies <list>',
      `policies by name, comma-separated: ${Object.keys(POLICY_PRESETS).join(', ')}`,
      'cpu,queue',
    )
    .option(
      '--policy <spec>',
      'another policy: NAME:kind=threshold,metric=cpu,lower=20,upper=70,… (repeat)',
      collect,
      [],
    )
    .option('--scenarios <list>', 'load shapes, comma-separated: step, spike', 'step,spike')
    .option(
      '--base <nodes>',
      "base load, in nodes' worth of the measured per-node capacity",
      parseNumber,
      0.5,
    )
    .option('--peak <nodes>', "peak load, in nodes' worth", parseNumber, 2.5)
    .option('--lead <s>', 'seconds of base load before the change', parseNumber, 10)
    .option('--step <s>', 'seconds the step lasts', parseNumber, 40)
    .option('--spike <s>', 'seconds the spike lasts', parseNumber, 8)
    .option('--tail <s>', 'seconds of base load after it', parseNumber, 40)
    .option('--min-nodes <n>', 'fewest nodes; every run starts from these', parseNumber, 1)
    .option('--max-nodes <n>', 'most nodes', parseNumber, 4)
    .option(
      '--slo-ms <ms>',
      'latency objective: a second whose p99 is above it counts as over',
      parseNumber,
      250,
    )
    .option('--capacity-duration <s>', 'seconds the per-node capacity is measured for', parseNumber, 5)
    .option('--seed <n>', 'seeds the arrivals', parseNumber, 1)
    .option('--out-dir <dir>', 'where report.json and report.html go (default experiments/elasticity-<time>)')
    .option('--no-progress', 'no line per second while a run goes')
    .addHelpText(
      'after',
      '\nExamples:\n  cloud experiment elasticity\n  cloud experiment elasticity --pod medium --policies cpu,target-cpu,queue,rps --policy fast:kind=threshold,metric=cpu,lower=20,upper=60,scaleOutCooldownMs=1000 --max-nodes 5',
    )
    .action(async (options: ElasticityOptions, command: Command) => {
      const { client, output, json } = context(command);
      const settings = elasticitySettings(options);
      const [pods, lb] = await Promise.all([
        unwrap(client.GET('/api/v1/pods')),
        unwrap(client.GET('/api/v1/lb')),
      ]);
      if (!pods.some((p) => p.name === settings.pod))
        throw usage(`unknown pod "${settings.pod}"; known pods: ${pods.map((p) => p.name).join(', ')}`);
      if (!isLoopbackHost(new URL(lb.url).hostname))
        throw usage(
          `the load balancer at ${lb.url} is not on this machine: experiments send only to loopback`,
        );
      const report = await runElasticityExperiment(client, output, settings);
      const document = elasticityExperimentDocument(report);
      const files = saveReport(
        options.outDir ?? join('experiments', `elasticity-${stamp()}`),
        report,
        document,
      );
      output.out(json ? JSON.stringify(report, null, 2) : renderText(document));
      output.err(`report written to ${files.join(' and ')}`);
    });
}
