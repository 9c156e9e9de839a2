import { readFile } from 'node:fs/promises';

export const CGROUP_CONTROLLERS = ['memory', 'cpu', 'cpuacct', 'freezer'] as const;
export type CgroupController = (typeof CGROUP_CONTROLLERS)[number];

/** Where each cgroup v1 controller's hierarchy is mounted; a controller may be missing, or share a mount (cpu,cpuacct). */
export type CgroupMounts = Partial<Record<CgroupController, string>>;

/** The per-controller directories of one cgroup. */
export type CgroupDirs = Record<CgroupController, string>;

/** Reads cgroup v1 mounts from /proc/mounts text ("cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,cpu,cpuacct 0 0"). */
export function parseCgroupMounts(procMounts: string): CgroupMounts {
  const mounts: CgroupMounts = {};
  for (const line of procMounts.split('\n')) {
    const [, mountPoint, fsType, options] = line.split(' ');
    if (fsType !== 'cgroup' || mountPoint === undefined || options === undefined) continue;
    const flags = new Set(options.split(','));
    for (const controller of CGROUP_CONTROLLERS) {
      if (flags.has(controller) && mounts[controller] === undefined)
        mounts[controller] = unescapeMount(mountPoint);
    }
  }
  return mounts;
}

/** The cgroup2 file system's mount point: /sys/fs/cgroup on a v2-only host, /sys/fs/cgroup/unified on a hybrid one. */
export function parseCgroup2Mount(procMounts: string): string | undefined {
  for (const line of procMounts.split('\n')) {
    const [, mountPoint, fsType] = line.split(' ');
    if (fsType === 'cgroup2' && mountPoint !== undefined) return unescapeMount(mountPoint);
  }
  return undefined;
}

/** A process's cgroup v2 path from /proc/<pid>/cgroup: the "0::/system.slice/x.service" line. */
export function parseProcCgroupV2(text: string): string | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith('0::'));
  return line?.slice(3);
}

export async function readCgroupMounts(procMountsPath = '/proc/mounts'): Promise<CgroupMounts> {
  return parseCgroupMounts(await readFile(procMountsPath, 'utf8'));
}

/** Every controller's directory for `relative`, or undefined if one of them is not mounted. */
export function cgroupDirs(mounts: CgroupMounts, relative: string): CgroupDirs | undefined {
  const dirs: Partial<CgroupDirs> = {};
  for (const controller of CGROUP_CONTROLLERS) {
    const mount = mounts[controller];
    if (mount === undefined) return undefined;
    dirs[controller] = `${mount}/${relative.replace(/^\/+/, '')}`;
  }
  return dirs as CgroupDirs;
}

/** The controllers' paths in /proc/<pid>/cgroup ("4:memory:/docker/<id>"), relative to each hierarchy's root. */
export function parseProcCgroup(text: string): Partial<Record<CgroupController, string>> {
  const paths: Partial<Record<CgroupController, string>> = {};
  for (const line of text.split('\n')) {
    const first = line.indexOf(':');
    const second = line.indexOf(':', first + 1);
    if (first < 0 || second < 0) continue;
    const controllers = line.slice(first + 1, second);
    const path = line.slice(second + 1);
    for (const controller of controllers.split(',')) {
      if ((CGROUP_CONTROLLERS as readonly string[]).includes(controller)) {
        paths[controller as CgroupController] = path;
      }
    }
  }
  return paths;
}

// The kernel writes spaces, tabs, newlines and backslashes in mount points as octal escapes (\040).
function unescapeMount(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
