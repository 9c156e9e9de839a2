import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertValidId } from '../validate-node-spec';
import { ATTEMPT_TAG } from '../jobs/attempt-tag';
import { jobArgv, jobEnv, SCRIPT_FILE } from '../jobs/job-argv';
import {
  DEFAULT_JOB_KILL_GRACE_MS,
  type NodeJobExit,
  type NodeJobHandle,
  type NodeJobOutput,
  type NodeJobRunner,
  type NodeJobSpec,
} from '../jobs/node-job';
import type { ProcessLimits } from './process-limits';
import { groupAlive, killGroup } from './process-group';
import { killTagged, taggedPids } from './tagged-processes';
import { type InterpreterPaths, resolveHostInterpreter } from './resolve-interpreter';

export interface ProcessJobLauncherOptions {
  nodeBinary: string;
  jobServerPath: string;
  /** Each attempt gets <jobsDir>/<attemptId> as its working directory, removed when it ends. */
  jobsDir: string;
  limits: Promise<ProcessLimits>;
  /** Throws NodeNotRunningError unless the node runs. */
  requireLive: (nodeId: string) => Promise<unknown>;
  interpreters?: InterpreterPaths;
}

/** A leftover attempt is already lost (its output went nowhere): a short grace, then SIGKILL. */
const LEFTOVER_KILL_GRACE_MS = 500;

/** Attempts as children of the agent in their own process group, inside the node's cgroups. */
export class ProcessJobLauncher implements NodeJobRunner {
  constructor(private readonly options: ProcessJobLauncherOptions) {}

  /** Each work directory left in jobsDir names an attempt of an earlier run: its processes carry its tag. */
  async endLeftoverJobs(): Promise<string[]> {
    const { jobsDir } = this.options;
    const left = await readdir(jobsDir).catch(() => [] as string[]);
    await Promise.all(
      left.map(async (attemptId) => {
        await killTagged(ATTEMPT_TAG, attemptId, LEFTOVER_KILL_GRACE_MS);
        await rm(join(jobsDir, attemptId), { recursive: true, force: true });
      }),
    );
    return left;
  }

  async runJob(spec: NodeJobSpec, output: NodeJobOutput): Promise<NodeJobHandle> {
    assertValidId('attempt', spec.attemptId);
    const { nodeBinary, jobServerPath, jobsDir } = this.options;
    await this.options.requireLive(spec.nodeId);
    const interpreter =
      spec.job.kind === 'script'
        ? await resolveHostInterpreter(
            spec.job.interpreter,
            spec.nodeId,
            nodeBinary,
            this.options.interpreters,
          )
        : undefined;
    const dir = join(jobsDir, spec.attemptId);
    const script = join(dir, SCRIPT_FILE);
    await mkdir(dir, { recursive: true });
    if (spec.job.kind === 'script') await writeFile(script, spec.job.source, { mode: 0o700 });
    const limits = await this.options.limits;
    const oomBefore = await limits.oomKills(spec.nodeId);
    const argv = await limits.joinArgv(
      spec.nodeId,
      jobArgv(spec.job, { node: nodeBinary, jobServer: jobServerPath, interpreter, script }),
    );
    const child = spawn(argv[0], argv.slice(1), {
      cwd: dir,
      detached: true,
      env: { ...jobEnv(spec.env), [ATTEMPT_TAG]: spec.attemptId },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const pgid = child.pid as number;
    const tag = { name: ATTEMPT_TAG, value: spec.attemptId };
    const closed = new Promise((done) => child.once('close', done));
    child.stdout?.on('data', (chunk: Buffer) => output.stdout(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.stderr(chunk));
    const exited = new Promise<NodeJobExit>((resolve) => {
      child.once('exit', (exitCode, signal) => {
        // What the job left in its group would hold its pipes open (and outlive it): it goes with the job.
        void killGroup(pgid, 0, tag)
          .then(async () => {
            await closed;
            const oomKilled = signal === 'SIGKILL' && (await limits.oomKills(spec.nodeId)) > oomBefore;
            await rm(dir, { recursive: true, force: true });
            resolve({ exitCode, signal, oomKilled });
          })
          .catch(() => resolve({ exitCode, signal, oomKilled: false }));
      });
    });
    return {
      attemptId: spec.attemptId,
      exited,
      kill: async (graceMs = DEFAULT_JOB_KILL_GRACE_MS) => {
        if (groupAlive(pgid) || taggedPids(tag.name, tag.value).length > 0)
          await killGroup(pgid, graceMs, tag);
        return exited;
      },
    };
  }
}
