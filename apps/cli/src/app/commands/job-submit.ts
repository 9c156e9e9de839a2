import type { SubmitJob } from '@strato/api-client';
import { basename, extname } from 'node:path';
import { CommandFailedError, EXIT } from '../exit-codes';

/** Wrong usage found once the options are read together: said as it is, exit 2. */
const usage = (message: string) => new CommandFailedError(message, EXIT.usage);

export type Interpreter = 'sh' | 'node' | 'python';
type WorkloadName = NonNullable<SubmitJob['workload']>['name'];

export interface SubmitOptions {
  workload?: string;
  param?: string[];
  script?: string;
  interpreter?: Interpreter;
  env?: string[];
  timeout?: number;
  retries?: number;
  count?: number;
  parallelism?: number;
  priority?: number;
}

const BY_EXTENSION: Record<string, Interpreter> = {
  '.sh': 'sh',
  '.js': 'node',
  '.mjs': 'node',
  '.cjs': 'node',
  '.py': 'python',
};

/** The interpreter a script names by its extension, or else by its #! line. */
export function interpreterOf(file: string, source: string): Interpreter | undefined {
  const byExtension = BY_EXTENSION[extname(file).toLowerCase()];
  if (byExtension) return byExtension;
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(source)?.slice(1) ?? [];
  const program = basename((shebang[0]?.endsWith('/env') ? shebang[1] : shebang[0]) ?? '');
  if (/^(sh|bash|dash|ash)$/.test(program)) return 'sh';
  if (/^node(js)?$/.test(program)) return 'node';
  if (/^python[\d.]*$/.test(program)) return 'python';
  return undefined;
}

/** `k=v` pairs, each named once. */
export function pairs(list: string[] | undefined, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const at = item.indexOf('=');
    if (at <= 0) throw usage(`${what} "${item}" must be NAME=VALUE`);
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

/** The submit body for `cloud job submit` / `cloud launch FILE`; readFile reads the script. */
export function submitBody(
  pod: string,
  options: SubmitOptions,
  args: string[],
  readFile: (file: string) => string,
): SubmitJob {
  if (Boolean(options.workload) === Boolean(options.script))
    throw usage('give either --workload NAME (cloud job workloads lists them) or --script FILE, not both');
  const common = {
    pod,
    timeoutS: options.timeout,
    priority: options.priority,
    count: options.count,
    parallelism: options.parallelism,
    retry: options.retries === undefined ? undefined : { maxRetries: options.retries },
  };
  if (options.workload) {
    if (args.length > 0 || options.env?.length)
      throw usage('arguments after -- and --env go with --script, not --workload');
    const params = Object.fromEntries(
      Object.entries(pairs(options.param, '--param')).map(([name, value]) => {
        const number = Number(value);
        if (value.trim() === '' || !Number.isFinite(number))
          throw usage(`--param ${name}=${value}: a workload parameter is a number`);
        return [name, number];
      }),
    );
    // The manager checks the name against its catalogue and says which names it knows.
    const name = options.workload as WorkloadName;
    return { ...common, workload: { name, params } };
  }
  if (options.param?.length) throw usage('--param goes with --workload; a script takes arguments after --');
  const file = options.script as string;
  let source: string;
  try {
    source = readFile(file);
  } catch (error) {
    throw usage(`cannot read the script ${file}: ${(error as Error).message}`);
  }
  const interpreter = options.interpreter ?? interpreterOf(file, source);
  if (!interpreter)
    throw usage(`cannot tell how to run ${file} from its name or #! line: add --interpreter sh|node|python`);
  return { ...common, script: { interpreter, source, args, env: pairs(options.env, '--env') } };
}
