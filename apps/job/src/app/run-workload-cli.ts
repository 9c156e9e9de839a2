import { JOB_KINDS, type JobKind } from '@strato/contracts';
import { runWorkload, WORKLOADS } from './workloads';

/** `--run-workload NAME [--scale X | --seconds S]`: one batch-job run of a catalogue workload, then exit. */
export const RUN_WORKLOAD_FLAG = '--run-workload';

export type WorkloadRun =
  | { kind: 'compute'; job: JobKind; scale: number }
  | { kind: 'sleep'; seconds: number };

/** The run asked for on the command line; undefined without the flag; a RangeError for a bad value. */
export function parseWorkloadArgs(argv: readonly string[]): WorkloadRun | undefined {
  const at = argv.indexOf(RUN_WORKLOAD_FLAG);
  if (at < 0) return undefined;
  const name = argv[at + 1];
  const number = (flag: string, fallback: number): number => {
    const i = argv.indexOf(flag);
    const value = i < 0 ? fallback : Number(argv[i + 1]);
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${flag} must be a number >= 0`);
    return value;
  };
  if (name === 'sleep') return { kind: 'sleep', seconds: number('--seconds', 10) };
  if ((JOB_KINDS as readonly string[]).includes(name)) {
    return { kind: 'compute', job: name as JobKind, scale: number('--scale', 1) };
  }
  throw new RangeError(`unknown workload ${name}; known: ${[...JOB_KINDS, 'sleep'].join(', ')}`);
}

/** Runs it in this process and prints one JSON line of what it did. */
export async function runWorkloadOnce(run: WorkloadRun): Promise<void> {
  const started = Date.now();
  if (run.kind === 'sleep') {
    await new Promise((resolve) => setTimeout(resolve, run.seconds * 1_000));
    console.log(JSON.stringify({ workload: 'sleep', seconds: run.seconds, ms: Date.now() - started }));
    return;
  }
  const primes = runWorkload(WORKLOADS[run.job], run.scale);
  console.log(JSON.stringify({ workload: run.job, scale: run.scale, primes, ms: Date.now() - started }));
}
