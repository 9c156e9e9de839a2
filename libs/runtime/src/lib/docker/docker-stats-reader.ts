import { access, readFile } from 'node:fs/promises';
import { readCgroupSample, readOomKills } from '../cgroup/cgroup-files';
import {
  cgroupDirs,
  CGROUP_CONTROLLERS,
  parseProcCgroup,
  readCgroupMounts,
  type CgroupDirs,
  type CgroupMounts,
} from '../cgroup/cgroup-mounts';
import { NodeNotRunningError } from '../errors/node-not-running.error';
import type { NodeStats } from '../node-stats';
import type { RuntimeLogger } from '../runtime-event';
import { engineStatsSample, type EngineStats } from './engine-stats';

/** What the stats reader needs of one container, so it never depends on dockerode itself. */
export interface StatsTarget {
  nodeId: string;
  inspect(): Promise<{ id: string; running: boolean; pid: number; nanoCpus: number; memoryBytes: number }>;
  engineStats(): Promise<EngineStats>;
}

/**
 * Container stats from the cgroup v1 files, found through /proc/<pid>/cgroup or <controller>/docker/<id>;
 * only where neither exists (an agent in another cgroup namespace, cgroup v2) the 1–2 s Engine stats call.
 */
export class DockerStatsReader {
  private readonly located = new Map<string, CgroupDirs>();
  private readonly warned = new Set<string>();
  private mounts: Promise<CgroupMounts> | undefined;

  constructor(private readonly logger: RuntimeLogger) {}

  async read(target: StatsTarget): Promise<NodeStats> {
    const cached = this.located.get(target.nodeId);
    if (cached !== undefined) {
      const stats = await this.sample(target.nodeId, cached).catch(() => undefined);
      if (stats !== undefined) return stats;
      // The container stopped, or was recreated under a new id: find it again.
      this.located.delete(target.nodeId);
    }
    const info = await target.inspect();
    if (!info.running) throw new NodeNotRunningError(target.nodeId, 'measure');
    const dirs = await this.locate(info.id, info.pid);
    if (dirs !== undefined) {
      this.located.set(target.nodeId, dirs);
      return this.sample(target.nodeId, dirs).catch((error: unknown) => {
        throw new NodeNotRunningError(target.nodeId, 'measure', { cause: error });
      });
    }
    if (!this.warned.has(info.id)) {
      this.warned.add(info.id);
      this.logger.warn(
        `docker runtime: no cgroup v1 directory for node ${target.nodeId} (container ${info.id.slice(0, 12)}): ` +
          'using the Engine stats API, which takes 1–2 s per call',
      );
    }
    const at = Date.now();
    const sample = engineStatsSample(await target.engineStats(), info.nanoCpus, info.memoryBytes);
    return { nodeId: target.nodeId, at, ...sample, source: 'engine-api' };
  }

  /** OOM kills in the container's memory cgroup so far; 0 where its cgroup files cannot be found. */
  async oomKills(target: StatsTarget): Promise<number> {
    try {
      let dirs = this.located.get(target.nodeId);
      if (dirs === undefined) {
        const info = await target.inspect();
        dirs = await this.locate(info.id, info.pid);
      }
      return dirs === undefined ? 0 : await readOomKills(dirs.memory);
    } catch {
      return 0;
    }
  }

  private async sample(nodeId: string, dirs: CgroupDirs): Promise<NodeStats> {
    const at = Date.now();
    return { nodeId, at, ...(await readCgroupSample(dirs)), source: 'cgroup' };
  }

  private async locate(id: string, pid: number): Promise<CgroupDirs | undefined> {
    this.mounts ??= readCgroupMounts().catch(() => ({}));
    const mounts = await this.mounts;
    const candidates = [await this.fromProc(mounts, pid), cgroupDirs(mounts, `docker/${id}`)];
    for (const dirs of candidates) {
      if (
        dirs !== undefined &&
        (await exists(`${dirs.cpuacct}/cpuacct.usage`, `${dirs.memory}/memory.stat`))
      ) {
        return dirs;
      }
    }
    return undefined;
  }

  /** The container's own cgroups as the kernel lists them: right whatever the cgroup parent or driver. */
  private async fromProc(mounts: CgroupMounts, pid: number): Promise<CgroupDirs | undefined> {
    if (pid <= 0) return undefined;
    const text = await readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => '');
    const paths = parseProcCgroup(text);
    const dirs: Partial<CgroupDirs> = {};
    for (const controller of CGROUP_CONTROLLERS) {
      const [mount, path] = [mounts[controller], paths[controller]];
      if (mount === undefined || path === undefined) return undefined;
      dirs[controller] = `${mount}${path === '/' ? '' : path}`;
    }
    return dirs as CgroupDirs;
  }
}

async function exists(...paths: string[]): Promise<boolean> {
  try {
    await Promise.all(paths.map((path) => access(path)));
    return true;
  } catch {
    return false;
  }
}
