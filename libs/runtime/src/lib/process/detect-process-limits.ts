import { mkdir, readFile } from 'node:fs/promises';
import { KERNEL_CGROUP_DIRS, type CgroupDirOps } from '../cgroup/cgroup-dir-ops';
import {
  CGROUP_CONTROLLERS,
  parseCgroup2Mount,
  parseCgroupMounts,
  parseProcCgroupV2,
  type CgroupMounts,
} from '../cgroup/cgroup-mounts';
import { prepareCgroupV2Subtree, subtreeBase } from '../cgroup/cgroup-v2-subtree';
import type { RuntimeLogger } from '../runtime-event';
import { CgroupV1ProcessLimits } from './cgroup-v1-process-limits';
import { CgroupV2ProcessLimits } from './cgroup-v2-process-limits';
import { NoProcessLimits, type ProcessLimits } from './process-limits';

/** Where the host's cgroups are; every path injectable, so a test can point them at a fake tree. */
export interface CgroupHost {
  /** Default /proc/mounts: the v1 hierarchies and the cgroup2 file system. */
  procMountsPath?: string;
  /** Default /proc/self/cgroup: the agent's own group ("0::/system.slice/strato-agent.service" on v2). */
  procSelfCgroupPath?: string;
  /** A cgroup v2 group delegated to the agent, used instead of the agent's own group. */
  v2Root?: string;
  /** mkdir/rmdir of groups; the kernel's by default. */
  dirs?: CgroupDirOps;
}

type Attempt = { limits: ProcessLimits } | { reason: string };

/**
 * cgroup v1 when every controller we need is mounted and writable (as before); else cgroup v2 in a subtree
 * the agent owns; else nodes still run, uncapped, and every view says why.
 */
export async function detectProcessLimits(
  cloud: string,
  logger: RuntimeLogger,
  host: CgroupHost = {},
): Promise<ProcessLimits> {
  const attempt = await attemptCgroups(cloud, logger, host);
  if ('limits' in attempt) return attempt.limits;
  logger.warn(`process runtime: CPU and memory caps are NOT enforced: ${attempt.reason}`);
  return new NoProcessLimits(attempt.reason);
}

async function attemptCgroups(cloud: string, logger: RuntimeLogger, host: CgroupHost): Promise<Attempt> {
  const dirs = host.dirs ?? KERNEL_CGROUP_DIRS;
  if (host.v2Root !== undefined) return attemptV2(host.v2Root, cloud, dirs, logger);
  const procMountsPath = host.procMountsPath ?? '/proc/mounts';
  let procMounts: string;
  try {
    procMounts = await readFile(procMountsPath, 'utf8');
  } catch (error) {
    return { reason: `cannot read ${procMountsPath}: ${String(error)}` };
  }
  const mounts = parseCgroupMounts(procMounts);
  const v1 = await attemptV1(mounts, cloud, logger);
  if ('limits' in v1) return v1;
  const v2Mount = parseCgroup2Mount(procMounts);
  const anyV1 = Object.keys(mounts).length > 0;
  if (v2Mount === undefined) return { reason: `${v1.reason}, and no cgroup2 file system is mounted` };
  const v2 = await attemptOwnV2(v2Mount, host.procSelfCgroupPath ?? '/proc/self/cgroup', cloud, dirs, logger);
  if ('limits' in v2) return v2;
  return { reason: anyV1 ? `cgroup v1: ${v1.reason}; cgroup v2: ${v2.reason}` : v2.reason };
}

async function attemptV1(mounts: CgroupMounts, cloud: string, logger: RuntimeLogger): Promise<Attempt> {
  const missing = CGROUP_CONTROLLERS.filter((controller) => mounts[controller] === undefined);
  if (missing.length > 0) return { reason: `no cgroup v1 mount for ${missing.join(', ')}` };
  for (const controller of CGROUP_CONTROLLERS) {
    try {
      await mkdir(`${mounts[controller]}/strato`, { recursive: true });
    } catch (error) {
      return { reason: `cannot create ${mounts[controller]}/strato: ${String(error)}` };
    }
  }
  logger.log?.(`process runtime: caps enforced with cgroup v1 (${mounts.memory}/strato/${cloud}/<node>)`);
  return { limits: new CgroupV1ProcessLimits(mounts, cloud) };
}

async function attemptOwnV2(
  mount: string,
  procSelfCgroupPath: string,
  cloud: string,
  dirs: CgroupDirOps,
  logger: RuntimeLogger,
): Promise<Attempt> {
  let own: string | undefined;
  try {
    own = parseProcCgroupV2(await readFile(procSelfCgroupPath, 'utf8'));
  } catch (error) {
    return { reason: `cannot read ${procSelfCgroupPath}: ${String(error)}` };
  }
  if (own === undefined) return { reason: `${procSelfCgroupPath} names no cgroup v2 group ("0::" line)` };
  return attemptV2(await subtreeBase(`${mount}${own === '/' ? '' : own}`), cloud, dirs, logger);
}

async function attemptV2(
  base: string,
  cloud: string,
  dirs: CgroupDirOps,
  logger: RuntimeLogger,
): Promise<Attempt> {
  const outcome = await prepareCgroupV2Subtree(base, dirs);
  if ('reason' in outcome) return outcome;
  if (outcome.moved.length > 0) {
    logger.log?.(
      `process runtime: moved pid(s) ${outcome.moved.join(' ')} from ${base} to ${base}/agent (cgroup v2: a group that hands controllers down holds no processes)`,
    );
  }
  logger.log?.(`process runtime: caps enforced with cgroup v2 (${outcome.nodesDir}/${cloud}/<node>)`);
  return { limits: new CgroupV2ProcessLimits(outcome.nodesDir, cloud, dirs) };
}
