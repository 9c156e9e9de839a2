const POLL_MS = 20;

/** Whether any process of the group still exists (a zombie counts until its parent reaps it). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** SIGTERM to the group, SIGKILL once graceMs passed with any of it left; resolves once the group is gone. */
export async function killGroup(pgid: number, graceMs: number): Promise<void> {
  const send = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pgid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  send('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(POLL_MS);
  send('SIGKILL');
  // A SIGKILLed group is gone once its members are reaped; a frozen cgroup would hold it, so bound the wait.
  const reaped = Date.now() + 5_000;
  while (groupAlive(pgid) && Date.now() < reaped) await sleep(POLL_MS);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
