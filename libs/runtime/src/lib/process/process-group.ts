import { signalPids, taggedPids } from './tagged-processes';
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

/** An environment entry every process to kill carries, those outside the group too (see ATTEMPT_TAG). */
export interface ProcessTag {
  name: string;
  value: string;
}

/**
 * SIGTERM to the group and to the tagged processes, SIGKILL once graceMs passed with any of them left;
 * resolves once all are gone.
 */
export async function killGroup(pgid: number, graceMs: number, tag?: ProcessTag): Promise<void> {
  const tagged = (): number[] => (tag ? taggedPids(tag.name, tag.value) : []);
  const alive = async (): Promise<boolean> => groupAlive(pgid) || tagged().length > 0;
  const signal = (name: NodeJS.Signals): void => {
    signalGroup(pgid, name);
    signalPids(tagged(), name);
  };
  signal('SIGTERM');
  if (await waitUntilGone(alive, graceMs)) return;
  signal('SIGKILL');
  // A SIGKILLed group is gone once its members are reaped; a frozen cgroup would hold it, so bound the wait.
  await waitUntilGone(alive, 5_000);
}
