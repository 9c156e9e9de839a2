import type Docker from 'dockerode';
import type { ScriptInterpreter } from '@strato/contracts';
import { InterpreterUnavailableError } from '../errors/interpreter-unavailable.error';
import { NodeNotRunningError } from '../errors/node-not-running.error';
import { INTERPRETER_PATHS, jobArgv, jobEnv, SCRIPT_FILE } from '../jobs/job-argv';
import {
  DEFAULT_JOB_KILL_GRACE_MS,
  type NodeJobExit,
  type NodeJobHandle,
  type NodeJobOutput,
  type NodeJobRunner,
  type NodeJobSpec,
} from '../jobs/node-job';
import { assertValidId } from '../validate-node-spec';
import { runExec, startExec } from './container-exec';
import {
  COLLECT_RESULT_SCRIPT,
  CONTAINER_JOBS_DIR,
  END_LEFTOVER_JOBS_SCRIPT,
  FIND_FILE_SCRIPT,
  KILL_JOB_SCRIPT,
  payloadArgs,
  RUN_JOB_SCRIPT,
} from './job-exec-scripts';

/** In the node image (tools/build-node-image.sh). */
export const IMAGE_NODE = '/usr/bin/node';
const IMAGE_JOB_SERVER = '/app/server.js';

export interface DockerJobExecOptions {
  docker: Docker;
  container: (nodeId: string) => Docker.Container | Promise<Docker.Container>;
  /** OOM kills the node's memory cgroup has seen so far; 0 where it cannot tell. */
  oomKills: (nodeId: string) => Promise<number>;
}

/** Attempts as `docker exec` into the node's container, in a session of their own inside it. */
export class DockerJobExec implements Pick<NodeJobRunner, 'runJob'> {
  constructor(private readonly options: DockerJobExecOptions) {}

  async runJob(spec: NodeJobSpec, output: NodeJobOutput): Promise<NodeJobHandle> {
    assertValidId('attempt', spec.attemptId);
    const { docker } = this.options;
    const container = await this.options.container(spec.nodeId);
    await this.requireRunning(container, spec.nodeId);
    const interpreter =
      spec.job.kind === 'script'
        ? await this.findInterpreter(container, spec.nodeId, spec.job.interpreter)
        : undefined;
    const dir = `${CONTAINER_JOBS_DIR}/${spec.attemptId}`;
    const argv = jobArgv(spec.job, {
      node: IMAGE_NODE,
      jobServer: IMAGE_JOB_SERVER,
      interpreter,
      script: `${dir}/${SCRIPT_FILE}`,
    });
    const script = spec.job.kind === 'script' ? spec.job.source : undefined;
    const oomBefore = await this.options.oomKills(spec.nodeId);
    const { ended } = await startExec(
      docker,
      container,
      [IMAGE_NODE, '-e', RUN_JOB_SCRIPT, ...payloadArgs({ dir, argv, script })],
      jobEnv(spec.env),
      output,
    );
    const exited = ended.then(async (execExitCode): Promise<NodeJobExit> => {
      const result = await this.collect(container, dir);
      const ended = result ?? { exitCode: execExitCode, signal: null };
      const oomKilled = ended.signal === 'SIGKILL' && (await this.options.oomKills(spec.nodeId)) > oomBefore;
      return { ...ended, oomKilled };
    });
    let killing: Promise<unknown> | undefined;
    return {
      attemptId: spec.attemptId,
      exited,
      kill: async (graceMs = DEFAULT_JOB_KILL_GRACE_MS) => {
        killing ??= runExec(docker, container, [
          IMAGE_NODE,
          '-e',
          KILL_JOB_SCRIPT,
          dir,
          String(graceMs),
        ]).catch(() => undefined);
        await killing;
        return exited;
      },
    };
  }

  /** The attempts an earlier agent left in the node's container, killed and removed; their ids. */
  async endLeftoverJobsIn(nodeId: string): Promise<string[]> {
    const container = await this.options.container(nodeId);
    const { stdout } = await runExec(this.options.docker, container, [
      IMAGE_NODE,
      '-e',
      END_LEFTOVER_JOBS_SCRIPT,
    ]);
    return stdout.split('\n').filter((id) => id !== '');
  }

  private async requireRunning(container: Docker.Container, nodeId: string): Promise<void> {
    const running = await container.inspect().then(
      (info) => info.State.Running && !info.State.Paused,
      () => false,
    );
    if (!running) throw new NodeNotRunningError(nodeId, 'run a job on');
  }

  /** The image has only node: a sh or python script is refused before anything starts. */
  private async findInterpreter(
    container: Docker.Container,
    nodeId: string,
    interpreter: ScriptInterpreter,
  ): Promise<string> {
    if (interpreter === 'node') return IMAGE_NODE;
    const candidates = INTERPRETER_PATHS[interpreter];
    const found = (
      await runExec(this.options.docker, container, [IMAGE_NODE, '-e', FIND_FILE_SCRIPT, ...candidates])
    ).stdout;
    if (found === '') throw new InterpreterUnavailableError(interpreter, nodeId, candidates);
    return found;
  }

  /** How the job ended, as the in-container wrapper wrote it; undefined if the container is gone. */
  private async collect(
    container: Docker.Container,
    dir: string,
  ): Promise<{ exitCode: number | null; signal: string | null } | undefined> {
    try {
      const { stdout } = await runExec(this.options.docker, container, [
        IMAGE_NODE,
        '-e',
        COLLECT_RESULT_SCRIPT,
        dir,
      ]);
      return stdout === ''
        ? undefined
        : (JSON.parse(stdout) as { exitCode: number | null; signal: string | null });
    } catch {
      return undefined;
    }
  }
}
