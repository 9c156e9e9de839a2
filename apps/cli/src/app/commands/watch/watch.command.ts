import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ContextFactory } from '../../context';
import { stopSignal } from '../../stop-signal';
import { watchCloud } from './watch-cloud';

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!(seconds > 0) || !Number.isFinite(seconds))
    throw new InvalidArgumentError('must be a number of seconds above 0');
  return seconds;
}

export function registerWatchCommand(program: Command, context: ContextFactory): void {
  program
    .command('watch')
    .description(
      'the cloud live, from the stream cloud events -f follows: per pod state, nodes, req/s, latency, queue, 5xx, CPU, and the last events; until Ctrl-C',
    )
    .argument('[pod]', 'only this pod (name, or the alias 0, 1 or 2)')
    .addOption(new Option('--for <seconds>', 'stop by itself after this long').argParser(parseSeconds))
    .addHelpText(
      'after',
      '\nOn a terminal it redraws in place; piped, it prints the screen again only when something on it changed.\n' +
        'With --json: every frame of the stream as one JSON line (hello, events, reset, metrics).',
    )
    .action(async (pod: string | undefined, options: { for?: number }, command: Command) => {
      const stop = stopSignal(options.for);
      try {
        await watchCloud(context(command), pod, stop.signal);
      } finally {
        stop.dispose();
      }
    });
}
