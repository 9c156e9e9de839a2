import { join } from 'node:path';
import { configDir } from './app/cli-config';
import { startInteractive } from './app/interactive';
import { runCli } from './app/program';

const argv = process.argv.slice(2);

if (argv.length === 0 && process.stdin.isTTY) {
  startInteractive({
    input: process.stdin,
    output: process.stdout,
    historyFile: join(configDir(), 'history'),
    run: runCli,
  }).then(() => process.exit(0));
} else {
  runCli(argv).then((code) => {
    process.exitCode = code;
  });
}
