import { type Job, unwrap } from '@strato/api-client';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { JOB_ATTEMPT_COLUMNS, JOB_COLUMNS, jobEnd, jobWhat } from '../columns';
import type { CommandContext, ContextFactory } from '../context';
import { render } from '../output';
import { printJobLogs, type LogOptions } from './job-logs';
import { submitBody, type SubmitOptions } from './job-submit';
import { waitForJobs } from './job-wait';

const STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT'];

export function registerJobCommands(program: Command, context: ContextFactory): void {
  const job = program
    .command('job')
    .description('batch jobs: queued on a pod, run on one of its nodes, followed to the end');

  addSubmitOptions(
    job
      .command('submit')
      .description('submit a batch job: a catalogue workload, or a script file with its arguments after --')
      .argument('<pod>', 'pod name or alias')
      .argument('[args...]', "the script's arguments (after --)")
      .option('--workload <name>', 'a workload of the catalogue (cloud job workloads lists them)')
      .option('--param <k=v>', 'a workload parameter (repeatable)', collect, [])
      .option('--script <file>', 'a shell, Node or Python script (by its extension or #! line)'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  cloud job submit heavy --workload heavy --param scale=2 --wait\n  cloud job submit light --script task.sh --count 20 --parallelism 4 -- input.txt\n  cloud job submit medium --script train.py --timeout 600 --retries 3',
    )
    .action(
      async (pod: string, args: string[], options: SubmitOptions & { wait?: boolean }, command: Command) =>
        submit(context(command), pod, options, args),
    );

  job
    .command('ls')
    .description('list batch jobs, newest first')
    .option('--pod <pod>', 'only those of this pod')
    .addOption(new Option('--status <status>', 'only those in this status').choices(STATUSES))
    .option('--node <node>', 'only those whose last attempt ran there')
    .option('--limit <n>', 'how many (default 50)', parseCount)
    .action(
      async (
        options: { pod?: string; status?: Job['status']; node?: string; limit?: number },
        command: Command,
      ) => {
        const { client, output, json } = context(command);
        const jobs = await unwrap(client.GET('/api/v1/jobs', { params: { query: options } }));
        output.out(render(jobs, JOB_COLUMNS, json));
      },
    );

  job
    .command('get')
    .description('one batch job: its status, node, exit, and each attempt (where it ran, how it ended)')
    .argument('<id>', 'job id, e.g. job-3f9a12c4')
    .action(async (id: string, _options, command: Command) => {
      const { client, output, json } = context(command);
      const found = await unwrap(client.GET('/api/v1/jobs/{id}', { params: { path: { id } } }));
      output.out(json ? JSON.stringify(found, null, 2) : describeJob(found));
    });

  job
    .command('log')
    .alias('logs')
    .description("a job's output: its stdout on stdout, its stderr on stderr")
    .argument('<id>', 'job id')
    .option('-f, --follow', 'keep printing as it comes, attempt after attempt, until the job ends')
    .addOption(
      new Option('--stream <stream>', 'which output (default both)').choices(['stdout', 'stderr', 'both']),
    )
    .option('-n, --tail <lines>', 'only the last lines', parseCount)
    .option('--attempt <n>', 'this attempt (default the last)', parseCount)
    .action(async (id: string, options: LogOptions, command: Command) =>
      printJobLogs(context(command), id, options),
    );

  job
    .command('abort')
    .description('abort a job: a queued one at once, a running one is killed (its whole process tree)')
    .argument('<id>', 'job id')
    .action(async (id: string, _options, command: Command) => abort(context(command), id));

  job
    .command('workloads')
    .description('the workloads a batch job may run, with their parameters')
    .action(async (_options, command: Command) => {
      const { client, output, json } = context(command);
      const workloads = await unwrap(client.GET('/api/v1/jobs/workloads'));
      output.out(
        render(
          workloads,
          [
            { header: 'WORKLOAD', value: (w) => w.name },
            { header: 'DESCRIPTION', value: (w) => w.description },
            {
              header: 'PARAMETERS',
              value: (w) =>
                w.params.map((p) => `${p.name}=${p.default} [${p.min}, ${p.max}]`).join(', ') || null,
            },
          ],
          json,
        ),
      );
    });

  program
    .command('abort')
    .description('abort a batch job (the same as cloud job abort)')
    .argument('<id>', 'job id')
    .action(async (id: string, _options, command: Command) => abort(context(command), id));
}

/** The options a submit takes, shared with `cloud launch FILE`. */
export function addSubmitOptions(command: Command): Command {
  return command
    .addOption(new Option('--interpreter <name>', 'how to run the script').choices(['sh', 'node', 'python']))
    .option('--env <k=v>', "a variable in the script's environment (repeatable)", collect, [])
    .option('--timeout <s>', 'killed after this many seconds (default 3600)', parseCount)
    .option('--retries <n>', 'attempts after the first that fails (default 2)', parseZeroOrMore)
    .option('--count <n>', 'an array of N tasks, with STRATO_JOB_INDEX 0..N-1', parseCount)
    .option('--parallelism <p>', "most of the array's tasks running at once", parseCount)
    .option('--priority <p>', 'higher starts first (default 0)', parseInteger)
    .option('--wait', 'wait for the end, with a progress line; exit 4 unless it succeeded');
}

export async function submit(
  ctx: CommandContext,
  pod: string,
  options: SubmitOptions & { wait?: boolean },
  args: string[],
): Promise<void> {
  const body = submitBody(pod, options, args, (file) => readFileSync(file, 'utf8'));
  const answer = await unwrap(ctx.client.POST('/api/v1/jobs', { body }));
  const jobs = Array.isArray(answer) ? answer : [answer];
  if (!options.wait || !ctx.json)
    ctx.output[options.wait ? 'err' : 'out'](
      ctx.json
        ? JSON.stringify(answer, null, 2)
        : jobs.length > 1
          ? `queued array ${jobs[0].array?.id} of ${jobs.length} tasks (${jobWhat(jobs[0])}) on pod ${jobs[0].pod}; cloud job ls shows them`
          : `queued job ${jobs[0].id} (${jobWhat(jobs[0])}) on pod ${jobs[0].pod}; cloud job log ${jobs[0].id} -f follows it`,
    );
  if (options.wait) await waitForJobs(ctx, jobs);
}

async function abort(ctx: CommandContext, id: string): Promise<void> {
  const job = await unwrap(ctx.client.POST('/api/v1/jobs/{id}/abort', { params: { path: { id } } }));
  ctx.output.out(
    ctx.json
      ? JSON.stringify(job, null, 2)
      : job.status === 'ABORTED'
        ? `job ${job.id} ABORTED`
        : `abort of job ${job.id} requested: attempt ${job.attempt} on node ${job.node} is being killed (cloud job get ${job.id} shows it ABORTED)`,
  );
}

function describeJob(job: Job): string {
  const rows: [string, string | number | null][] = [
    ['job', job.id],
    ['pod', job.pod],
    ['status', job.abortRequested && job.status === 'RUNNING' ? 'RUNNING (abort requested)' : job.status],
    ['runs', jobWhat(job)],
    ['array', job.array ? `${job.array.id} task ${job.array.index} of ${job.array.count}` : null],
    ['node', job.node],
    ['attempt', `${job.attempt} of at most ${job.retry.maxRetries + 1}`],
    ['end', jobEnd(job)],
    ['timeout', `${job.timeoutS} s`],
    ['priority', job.priority],
    ['submitted', job.submittedAt],
    ['started', job.startedAt],
    ['finished', job.finishedAt],
    ['duration', job.durationMs === null ? null : `${job.durationMs} ms`],
  ];
  const fields = rows
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `${name.padEnd(10)} ${value}`)
    .join('\n');
  return job.attempts.length
    ? `${fields}\n\nattempts\n${render(job.attempts, JOB_ATTEMPT_COLUMNS, false)}`
    : fields;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function parseInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('must be a whole number');
  return n;
}

function parseZeroOrMore(value: string): number {
  const n = parseInteger(value);
  if (n < 0) throw new InvalidArgumentError('must be 0 or more');
  return n;
}

function parseCount(value: string): number {
  const n = parseInteger(value);
  if (n < 1) throw new InvalidArgumentError('must be 1 or more');
  return n;
}
