import { spawn, type ChildProcess } from 'node:child_process';
import { open } from 'node:fs/promises';

export interface SpawnedProcess {
  pid: number;
  /** Still reports 'exit' while this process lives, though it no longer keeps the event loop alive. */
  child: ChildProcess;
}

/** Starts argv in its own session (it outlives us, and its pid is its process group), output appended to logPath. */
export async function spawnDetached(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  logPath: string,
): Promise<SpawnedProcess> {
  const log = await open(logPath, 'a');
  try {
    const child = spawn(argv[0], argv.slice(1), { detached: true, env, stdio: ['ignore', log.fd, log.fd] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`spawn of ${argv[0]} returned no pid`);
    return { pid: child.pid, child };
  } finally {
    await log.close();
  }
}
