import { mkdir } from 'node:fs/promises';
import { CGROUP_CONTROLLERS, readCgroupMounts } from '../cgroup/cgroup-mounts';
import type { RuntimeLogger } from '../runtime-event';
import { CgroupProcessLimits } from './cgroup-process-limits';
import { NoProcessLimits, type ProcessLimits } from './process-limits';

/**
 * Cgroup limits when every v1 controller we need is mounted and we may create groups in it (root, writable);
 * otherwise nodes still run, uncapped, with `limitsEnforced: false` and a warning saying why.
 */
export async function detectProcessLimits(
  cloud: string,
  logger: RuntimeLogger,
  procMountsPath = '/proc/mounts',
): Promise<ProcessLimits> {
  const fallback = (reason: string): ProcessLimits => {
    logger.warn(`process runtime: CPU and memory caps are not enforced: ${reason}`);
    return new NoProcessLimits();
  };
  let mounts;
  try {
    mounts = await readCgroupMounts(procMountsPath);
  } catch (error) {
    return fallback(`cannot read ${procMountsPath}: ${String(error)}`);
  }
  const missing = CGROUP_CONTROLLERS.filter((controller) => mounts[controller] === undefined);
  if (missing.length > 0) return fallback(`no cgroup v1 mount for ${missing.join(', ')}`);
  for (const controller of CGROUP_CONTROLLERS) {
    try {
      await mkdir(`${mounts[controller]}/strato`, { recursive: true });
    } catch (error) {
      return fallback(`cannot create ${mounts[controller]}/strato: ${String(error)}`);
    }
  }
  return new CgroupProcessLimits(mounts, cloud);
}
