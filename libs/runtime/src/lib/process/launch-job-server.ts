import { access, constants } from 'node:fs/promises';
import { RuntimeUnavailableError } from '../errors/runtime-unavailable.error';
import { NODE_HOST } from '../node-runtime';
import type { ProcessNodeState } from './node-state-store';
import { spawnDetached, type SpawnedProcess } from './spawn-detached';

/** Checked before spawning: inside the cgroup wrapper a missing binary would only show as an early exit. */
export async function assertLaunchable(nodeBinary: string, jobServerPath: string): Promise<void> {
  try {
    await access(nodeBinary, constants.X_OK);
  } catch (error) {
    throw new RuntimeUnavailableError(`node binary ${nodeBinary} is missing or not executable`, {
      cause: error,
    });
  }
  try {
    await access(jobServerPath);
  } catch (error) {
    throw new RuntimeUnavailableError(`job server ${jobServerPath} is missing: run npx nx build job`, {
      cause: error,
    });
  }
}

/** Starts the node's argv detached, with only the environment the job server reads. */
export async function launchJobServer(
  argv: readonly string[],
  state: ProcessNodeState,
  logPath: string,
): Promise<SpawnedProcess> {
  const env = {
    PATH: process.env['PATH'],
    PORT: String(state.port),
    HOST: state.host ?? NODE_HOST,
    NODE_ID: state.nodeId,
    POD_NAME: state.pod,
    NODE_CPUS: String(state.cpus),
  };
  try {
    return await spawnDetached(argv, env, logPath);
  } catch (error) {
    throw new RuntimeUnavailableError(`cannot start node ${state.nodeId} with ${argv[0]}: ${String(error)}`, {
      cause: error,
    });
  }
}
