import { mkdir, rmdir } from 'node:fs/promises';

/**
 * Making and removing a cgroup. The kernel fills a new group with its interface files and takes them away on
 * rmdir; a directory of plain files (a test's fake tree) needs both done for it.
 */
export interface CgroupDirOps {
  /** Creates the group; one that exists is left as it is. */
  mkdir(dir: string): Promise<void>;
  /** Removes an empty group: EBUSY while it holds processes or child groups, ENOENT once gone. */
  rmdir(dir: string): Promise<void>;
}

export const KERNEL_CGROUP_DIRS: CgroupDirOps = {
  mkdir: async (dir) => {
    await mkdir(dir, { recursive: true });
  },
  rmdir: (dir) => rmdir(dir),
};
