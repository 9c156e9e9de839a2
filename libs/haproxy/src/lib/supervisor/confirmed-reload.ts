import { HaproxyReloadError } from '../errors';
import { logTail } from './log-tail';
import type { MasterCli } from './master-cli';
import { waitFor } from './wait-for';

/**
 * Master `reload`, confirmed: `show proc` must list a worker that did not exist before, with the failed
 * reload count unchanged. In 2.6 `reload` itself answers nothing, success or not.
 */
export async function confirmedReload(master: MasterCli, timeoutMs: number, logPath: string): Promise<void> {
  const before = await master.showProc();
  const known = new Set([...before.workers, ...before.oldWorkers].map((w) => w.pid));
  await master.reload();
  const after = await waitFor(
    'a new haproxy worker after reload',
    async () => {
      const procs = await master.showProc();
      const failed = procs.master.failedReloads > before.master.failedReloads;
      return failed || procs.workers.some((w) => !known.has(w.pid)) ? procs : undefined;
    },
    { timeoutMs },
  ).catch(async (error: Error) => {
    throw new HaproxyReloadError(`${error.message}:\n${await logTail(logPath)}`);
  });
  if (after.master.failedReloads > before.master.failedReloads) {
    const log = await logTail(logPath);
    throw new HaproxyReloadError(`haproxy reload failed, the old worker keeps serving:\n${log}`);
  }
}
