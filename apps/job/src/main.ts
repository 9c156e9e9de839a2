import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { jobWorkers } from '@strato/contracts';
import { JobPool } from './app/job-pool';
import { JobRunner } from './app/job-runner';
import { createJobServer } from './app/job-server';
import { serveJobs } from './app/job-worker';
import { parseWorkloadArgs, runWorkloadOnce, type WorkloadRun } from './app/run-workload-cli';

/** Jobs waiting on the node beyond its threads; the balancer sends no more than its maxconn anyway. */
const MAX_WAITING_JOBS = 64;

function main(): void {
  const port = Number(process.env['PORT'] ?? 8080);
  const host = process.env['HOST'] ?? '127.0.0.1';
  const identity = { node: process.env['NODE_ID'] ?? 'local', pod: process.env['POD_NAME'] ?? 'none' };
  const cpus = Number(process.env['NODE_CPUS'] ?? 1);

  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PORT must be an integer in 1..65535, got ${process.env['PORT']}`);
    process.exit(2);
  }
  if (!Number.isFinite(cpus) || cpus <= 0) {
    console.error(`NODE_CPUS must be a positive number, got ${process.env['NODE_CPUS']}`);
    process.exit(2);
  }

  // This same bundle is the job threads' script: they take the other branch below.
  const script = process.argv[1];
  const threads = jobWorkers(cpus);
  const runner = new JobRunner(new JobPool(threads, () => new Worker(script), MAX_WAITING_JOBS));
  const server = createJobServer(identity, runner);
  server.keepAliveTimeout = 65_000;
  server.listen(port, host, () =>
    console.log(`job server ${identity.node} (${identity.pod}) on ${host}:${port}, ${threads} job thread(s)`),
  );

  // PID 1 in a container and a child of the agent: both stop it with SIGTERM and expect a clean exit.
  const shutdown = (signal: string): void => {
    console.log(`job server ${identity.node}: ${signal}, closing`);
    server.close(() => void runner.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** A batch job's run of a catalogue workload (the agent starts it inside the node): exit 2 on bad arguments. */
function runBatchWorkload(run: WorkloadRun): void {
  runWorkloadOnce(run).then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}

function workloadRunAsked(): WorkloadRun | undefined {
  try {
    return parseWorkloadArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

if (!isMainThread) {
  if (parentPort) serveJobs(parentPort);
} else {
  const run = workloadRunAsked();
  if (run) runBatchWorkload(run);
  else main();
}
