import { Command, CommanderError } from 'commander';
import { registerAgentCommands } from './commands/agent.command';
import { registerCompletionCommand } from './commands/completion.command';
import { registerElasticityCommands } from './commands/elasticity.command';
import { registerExperimentCommands } from './commands/experiment/experiment.command';
import { registerInitCommand } from './commands/init.command';
import { registerJobCommands } from './commands/job.command';
import { registerLbCommands } from './commands/lb.command';
import { registerLoginCommand } from './commands/login.command';
import { registerNodeCommands } from './commands/node.command';
import { registerPodCommands } from './commands/pod.command';
import { registerReportCommand } from './commands/report.command';
import { registerSimulateCommands } from './commands/simulate/simulate.command';
import { registerStatusCommands } from './commands/status.command';
import { registerWatchCommand } from './commands/watch/watch.command';
import { contextFactory } from './context';
import { describeFailure, EXIT } from './exit-codes';
import { ROOT_HELP_FOOTER } from './help-text';
import { resolveConnection } from './connection';
import { consoleOutput, type Output } from './output';

export function createProgram(output: Output = consoleOutput, fetchImpl?: typeof fetch): Command {
  const program = new Command('cloud')
    .description('Strato cloud owner toolset')
    .option('--url <url>', 'manager URL (env STRATO_URL, default http://127.0.0.1:8080)')
    .option(
      '--token <token>',
      'owner token (env STRATO_TOKEN, or the file owner-token in STRATO_DATA_DIR or ./data)',
    )
    .option('--json', 'print JSON for scripts instead of tables')
    .addHelpText('after', ROOT_HELP_FOOTER)
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.err(s.trimEnd()) })
    .exitOverride();
  const context = contextFactory(output, fetchImpl);
  registerInitCommand(program, context);
  registerPodCommands(program, context);
  registerNodeCommands(program, context);
  registerStatusCommands(program, context);
  registerAgentCommands(program, context);
  registerWatchCommand(program, context);
  registerElasticityCommands(program, context);
  registerLbCommands(program, context);
  registerJobCommands(program, context);
  registerSimulateCommands(program, context);
  registerReportCommand(program, context);
  registerExperimentCommands(program, context);
  registerLoginCommand(program, context, fetchImpl);
  registerCompletionCommand(program, context);
  return program;
}

/** Runs the CLI and returns the exit code instead of exiting (tests call it in-process). */
export async function runCli(
  argv: string[],
  output: Output = consoleOutput,
  fetchImpl?: typeof fetch,
): Promise<number> {
  const program = createProgram(output, fetchImpl);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const { message, code } = describeFailure(error, resolveConnection(program.opts()).url);
    output.err(`error: ${message}`);
    return code;
  }
}
