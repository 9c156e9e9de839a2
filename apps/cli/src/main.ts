import { runCli } from './app/program';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
