import { basename, dirname } from 'node:path';
import type { CgroupDirOps } from './cgroup-dir-ops';
import { exists, readOptional, readWords, writeExisting } from './cgroup-io';

/** The leaf the agent's own processes move to, so that its cgroup may hand controllers to the nodes' groups. */
export const AGENT_LEAF = 'agent';
export const NODES_GROUP = 'nodes';
const CONTROLLERS = ['cpu', 'memory'] as const;
/** What a group writes to its cgroup.subtree_control to give its children cpu.max and memory.max. */
export const ENABLE_NODE_CONTROLLERS = CONTROLLERS.map((controller) => `+${controller}`).join(' ');

export type SubtreeOutcome = { nodesDir: string; moved: number[] } | { reason: string };

/**
 * Where the agent's own cgroup is its base: an agent restarted from inside the leaf this code made (say by
 * `npm start`, which was moved there with it) uses the same base, so it finds the nodes it left running.
 */
export async function subtreeBase(ownCgroupDir: string): Promise<string> {
  const parent = dirname(ownCgroupDir);
  const isOurLeaf = basename(ownCgroupDir) === AGENT_LEAF && (await exists(`${parent}/${NODES_GROUP}`));
  return isOurLeaf ? parent : ownCgroupDir;
}

/**
 * Makes `base` hand cpu and memory down to `<base>/nodes`, under which every node gets its group. cgroup v2
 * lets only a group without processes of its own enable controllers for its children ("no internal
 * processes"), so whatever runs in `base` (the agent, and whoever shares its cgroup) moves to `<base>/agent`
 * first. The root of a hierarchy is exempt: it has no cgroup.type.
 */
export async function prepareCgroupV2Subtree(base: string, dirs: CgroupDirOps): Promise<SubtreeOutcome> {
  if (!(await exists(`${base}/cgroup.controllers`))) return { reason: `${base} is not a cgroup v2 group` };
  const available = await readWords(`${base}/cgroup.controllers`);
  const missing = CONTROLLERS.filter((controller) => !available.has(controller));
  if (missing.length > 0) {
    const offered = available.size > 0 ? [...available].join(' ') : 'none';
    return {
      reason: `the ${missing.join(' and ')} controller${missing.length > 1 ? 's are' : ' is'} not available in ${base} (it offers ${offered}): bound to cgroup v1, or not delegated to this agent`,
    };
  }
  const nodesDir = `${base}/${NODES_GROUP}`;
  let moved: number[] = [];
  try {
    moved = await moveProcessesToLeaf(base, dirs);
    await enableControllers(base);
    await dirs.mkdir(nodesDir);
    await enableControllers(nodesDir);
  } catch (error) {
    return { reason: `cannot set up ${nodesDir}: ${describe(error)}` };
  }
  for (const file of ['cpu.max', 'memory.max']) {
    if (!(await exists(`${nodesDir}/${file}`)))
      return { reason: `${nodesDir} has no ${file}: ${base} did not hand the controller down` };
  }
  if (!(await exists(`${nodesDir}/memory.swap.max`))) {
    return {
      reason: `${nodesDir} has no memory.swap.max (kernel without swap accounting): nodes could swap past their memory cap`,
    };
  }
  if (!(await exists(`${nodesDir}/cgroup.freeze`))) {
    return { reason: `${nodesDir} has no cgroup.freeze (kernel before 5.2): nodes could not be paused` };
  }
  return { nodesDir, moved };
}

async function moveProcessesToLeaf(base: string, dirs: CgroupDirOps): Promise<number[]> {
  const enabled = await readWords(`${base}/cgroup.subtree_control`);
  const isRoot = !(await exists(`${base}/cgroup.type`));
  if (isRoot || CONTROLLERS.every((controller) => enabled.has(controller))) return [];
  const pids = ((await readOptional(`${base}/cgroup.procs`)) ?? '').split('\n').filter(Boolean).map(Number);
  if (pids.length === 0) return [];
  const leaf = `${base}/${AGENT_LEAF}`;
  await dirs.mkdir(leaf);
  const moved: number[] = [];
  for (const pid of pids) {
    try {
      // One pid per write: the kernel takes one at a time.
      await writeExisting(`${leaf}/cgroup.procs`, String(pid));
      moved.push(pid);
    } catch (error) {
      // ESRCH: it exited meanwhile, nothing to move.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  return moved;
}

async function enableControllers(dir: string): Promise<void> {
  const enabled = await readWords(`${dir}/cgroup.subtree_control`);
  if (CONTROLLERS.every((controller) => enabled.has(controller))) return;
  await writeExisting(`${dir}/cgroup.subtree_control`, ENABLE_NODE_CONTROLLERS);
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return `${message}: the cgroup is not delegated to this agent (run it as a systemd service with Delegate=yes, or as root in its own cgroup namespace, or set STRATO_CGROUP_ROOT to a delegated cgroup)`;
  }
  if (code === 'EBUSY') return `${message}: the group still holds processes`;
  return message;
}
