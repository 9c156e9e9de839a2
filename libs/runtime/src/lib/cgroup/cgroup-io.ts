import { access, readFile, writeFile } from 'node:fs/promises';
import { isErrno } from '../process/node-state-store';

const RELEASE_TIMEOUT_MS = 2_000;
const POLL_MS = 10;

export async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

/** A cgroup file's space-separated words ("cpu memory pids" in cgroup.controllers), "+cpu" read as "cpu". */
export async function readWords(path: string): Promise<Set<string>> {
  const text = (await readOptional(path)) ?? '';
  return new Set(
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => word.replace(/^\+/, '')),
  );
}

/** Writes a file the kernel made; a missing one is an error naming it (cgroupfs never creates files). */
export async function writeExisting(path: string, value: string): Promise<void> {
  if (!(await exists(path))) throw new Error(`${path} does not exist`);
  await writeFile(path, value);
}

/** rmdir, retried while the kernel still counts an exiting task in the group (EBUSY). */
export async function removeWhenEmpty(dir: string, rmdir: (dir: string) => Promise<void>): Promise<void> {
  const deadline = Date.now() + RELEASE_TIMEOUT_MS;
  for (;;) {
    try {
      await rmdir(dir);
      return;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return;
      if (!isErrno(error, 'EBUSY') || Date.now() > deadline) {
        throw new Error(`cannot remove cgroup ${dir}: ${String(error)}`, { cause: error });
      }
      await sleep(POLL_MS);
    }
  }
}

/** Polls until `done`, or throws `timeoutMessage` after timeoutMs. */
export async function pollUntil(
  done: () => Promise<boolean>,
  timeoutMs: number,
  timeoutMessage: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(timeoutMessage());
    await sleep(POLL_MS);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
