import { join } from 'node:path';
import { configDir } from './app/cli-config';
import { startInteractive } from './app/interactive';
import { runCli } from './app/program';

const argv = process.argv.slice(2);

if (argv.length === 0) {
  // With no arguments: the cloud> prompt on a terminal, or the commands of a piped script, one per line.
  startInteractive({
    input: process.stdin,
    output: process.stdout,
    historyFile: process.stdin.isTTY ? join(configDir(), 'history') : null,
    run: runCli,
  }).then((code) => process.exit(code));
} else {
  runCli(argv).then((code) => {
    process.exitCode = code;
  });
}
