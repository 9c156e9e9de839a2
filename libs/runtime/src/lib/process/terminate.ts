const POLL_MS = 20;

/** Signals the node's whole process group (the job server leads its own session), ignoring one already gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Polls until alive() is false; returns false if it still is after timeoutMs. */
export async function waitUntilGone(alive: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (await alive()) {
    if (Date.now() >= deadline) return false;
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
  return true;
}
