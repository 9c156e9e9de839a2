import type { BatchJobSpec, ScriptInterpreter } from '@strato/contracts';

/** Where each interpreter may be inside a node, first found wins; node is the node's own binary. */
export const INTERPRETER_PATHS: Readonly<Record<Exclude<ScriptInterpreter, 'node'>, readonly string[]>> = {
  sh: ['/bin/sh', '/usr/bin/sh'],
  python: ['/usr/bin/python3', '/usr/local/bin/python3', '/usr/bin/python', '/usr/local/bin/python'],
};

export const SCRIPT_FILE = 'script';

export interface JobPaths {
  /** The node's node binary and job server bundle: a workload runs `node <jobServer> --run-workload …`. */
  node: string;
  jobServer: string;
  /** The resolved interpreter of a script job. */
  interpreter?: string;
  /** Where the script's source is written. */
  script: string;
}

/** The argv of an attempt; the job server reads `--run-workload NAME --<param> VALUE…`. */
export function jobArgv(job: BatchJobSpec, paths: JobPaths): string[] {
  if (job.kind === 'workload') {
    const params = Object.entries(job.params).flatMap(([key, value]) => [`--${key}`, String(value)]);
    return [paths.node, paths.jobServer, '--run-workload', job.workload, ...params];
  }
  if (paths.interpreter === undefined) throw new Error(`no interpreter resolved for ${job.interpreter}`);
  return [paths.interpreter, paths.script, ...job.args];
}

/** The environment every attempt gets: a plain PATH, then the job's own variables. */
export function jobEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: '/usr/local/bin:/usr/bin:/bin', ...env };
}
