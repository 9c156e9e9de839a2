import type { Command } from 'commander';
import type { ContextFactory } from '../../context';
import { registerElasticityExperiment } from './elasticity-experiment.command';
import { registerLbExperiment } from './lb-experiment.command';

export function registerExperimentCommands(program: Command, context: ContextFactory): void {
  const experiment = program
    .command('experiment')
    .description(
      'measured experiments on the cloud, each written as report.json and a self-contained report.html',
    );
  registerLbExperiment(experiment, context);
  registerElasticityExperiment(experiment, context);
}
