import { signalGroup, waitUntilGone } from './terminate';

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
  const alive = async (): Promise<boolean> => groupAlive(pgid);
  signalGroup(pgid, 'SIGTERM');
  if (await waitUntilGone(alive, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  // A SIGKILLed group is gone once its members are reaped; a frozen cgroup would hold it, so bound the wait.
  await waitUntilGone(alive, 5_000);
}
