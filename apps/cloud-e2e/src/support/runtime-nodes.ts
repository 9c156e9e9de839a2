import type { AgentNodeView } from '@strato/contracts';
import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import type { CloudOptions, RunningCloud } from './cloud-harness';
import { dockerApi } from './infrastructure';

export interface Caps {
  cpus: number;
  memoryMiB: number;
}

/** A node as its runtime shows it, not as the manager reports it: a container, or a job-server process. */
export interface RuntimeNode {
  node: string;
  pod: string;
  /** Container id or pid. */
  id: string;
  running: boolean;
  /** The CPU quota and memory limit the kernel enforces on it; null when it runs uncapped. */
  caps: Caps | null;
}

/** The cloud's nodes, by name, from Docker or from /proc: the other door to what the manager says. */
export async function runtimeNodes(
  cloud: RunningCloud,
  runtime: CloudOptions['runtime'],
): Promise<Map<string, RuntimeNode>> {
  const nodes = runtime === 'docker' ? await containers(cloud.name) : processes(cloud.name);
  return new Map(nodes.sort((a, b) => a.node.localeCompare(b.node)).map((n) => [n.node, n]));
}

/**
 * The caps a node's runtime should show: Docker is always given the pod's; a process gets them where the
 * agent could make its cgroups (root, cgroup v1 or v2) and runs uncapped elsewhere, as the agent says.
 */
export async function capsToExpect(
  cloud: RunningCloud,
  runtime: CloudOptions['runtime'],
  node: string,
  pod: Caps,
): Promise<Caps | null> {
  if (runtime === 'docker') return pod;
  const response = await fetch(`${cloud.agentUrl}/agent/v1/nodes/${node}`, {
    headers: cloud.agentAuth(),
  });
  return ((await response.json()) as AgentNodeView).limits.enforced ? pod : null;
}

/**
 * kill -9 of the nodes a test left running (stopNodesOnExit: false), and removal of the cloud's cgroups
 * (a FAILED node's group stays, like its exited container, until the node is deleted).
 */
export async function removeRuntimeNodes(
  cloud: RunningCloud,
  runtime: CloudOptions['runtime'],
): Promise<void> {
  const nodes = [...(await runtimeNodes(cloud, runtime)).values()];
  if (runtime === 'docker') {
    for (const { id } of nodes) await dockerApi(`/containers/${id}?force=true`, 'DELETE');
    return;
  }
  const cloudGroups = new Set(
    [...cgroupMounts()]
      .filter(([controller]) => controller !== '')
      .map(([, m]) => `${m}/strato/${cloud.name}`),
  );
  for (const { id, node } of nodes) {
    for (const dir of ownCgroups(id, `/${cloud.name}/${node}`).values())
      cloudGroups.add(dir.slice(0, dir.lastIndexOf('/')));
  }
  for (const { id } of nodes) process.kill(Number(id), 'SIGKILL');
  for (const group of cloudGroups) {
    const children = existsSync(group)
      ? readdirSync(group, { withFileTypes: true }).filter((e) => e.isDirectory())
      : [];
    // A group can go once its last task has (kill -9 takes a moment); the cloud's once its nodes' have.
    for (const dir of [...children.map((child) => `${group}/${child.name}`), group]) {
      for (let tries = 0; !removeDir(dir) && tries < 50; tries++)
        await new Promise((r) => setTimeout(r, 100));
    }
  }
}

interface ContainerSummary {
  Id: string;
  Labels: Record<string, string>;
  State: string;
}

async function containers(cloud: string): Promise<RuntimeNode[]> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`strato.cloud=${cloud}`] }));
  const { body } = await dockerApi<ContainerSummary[]>(`/containers/json?all=1&filters=${filters}`);
  return Promise.all(
    body.map(async (c) => {
      const { body: inspect } = await dockerApi<{ HostConfig: { NanoCpus: number; Memory: number } }>(
        `/containers/${c.Id}/json`,
      );
      const { NanoCpus, Memory } = inspect.HostConfig;
      return {
        node: c.Labels['strato.node'],
        pod: c.Labels['strato.pod'],
        id: c.Id,
        running: c.State === 'running',
        caps: NanoCpus > 0 ? { cpus: NanoCpus / 1e9, memoryMiB: Memory / 2 ** 20 } : null,
      };
    }),
  );
}

/** Job servers carry --strato-node=<cloud>/<node> in their argv and POD_NAME in their environment. */
function processes(cloud: string): RuntimeNode[] {
  const prefix = `--strato-node=${cloud}/`;
  const found: RuntimeNode[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const marker = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .split('\0')
        .find((arg) => arg.startsWith(prefix));
      // The cgroup-joining shell carries the argv too, for the instant before it execs the job server.
      if (marker === undefined || !readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('node')) continue;
      const node = marker.slice(prefix.length);
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
      found.push({
        node,
        pod: env.find((e) => e.startsWith('POD_NAME='))?.slice('POD_NAME='.length) ?? '',
        id: pid,
        running: state !== undefined && state !== 'Z',
        caps: cgroupCaps(ownCgroups(pid, `/${cloud}/${node}`)),
      });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/**
 * The directories of the process's own groups (paths ending in /<cloud>/<node>), by controller: cgroup v1
 * 'cpu' and 'memory', or '' for the v2 group ("0::/path" in /proc/<pid>/cgroup).
 */
function ownCgroups(pid: string, own: string): Map<string, string> {
  const mounts = cgroupMounts();
  const dirs = new Map<string, string>();
  for (const line of readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n')) {
    const [, controllers, path] = line.split(':');
    for (const controller of controllers?.split(',') ?? []) {
      if (path?.endsWith(own) && mounts.has(controller))
        dirs.set(controller, `${mounts.get(controller)}${path}`);
    }
  }
  return dirs;
}

/** Where each cgroup v1 controller is mounted; '' for the cgroup2 file system. */
function cgroupMounts(): Map<string, string> {
  const mounts = new Map<string, string>();
  for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
    const [, mountPoint, type, options] = line.split(' ');
    if (type === 'cgroup') for (const option of options.split(',')) mounts.set(option, mountPoint);
    if (type === 'cgroup2') mounts.set('', mountPoint);
  }
  return mounts;
}

function cgroupCaps(dirs: Map<string, string>): Caps | null {
  const read = (controller: string, file: string) =>
    readFileSync(`${dirs.get(controller)}/${file}`, 'utf8').trim();
  if (dirs.has('cpu') && dirs.has('memory')) {
    return {
      cpus: Number(read('cpu', 'cpu.cfs_quota_us')) / Number(read('cpu', 'cpu.cfs_period_us')),
      memoryMiB: Number(read('memory', 'memory.limit_in_bytes')) / 2 ** 20,
    };
  }
  if (dirs.has('')) {
    const [quota, period] = read('', 'cpu.max').split(' ');
    return { cpus: Number(quota) / Number(period), memoryMiB: Number(read('', 'memory.max')) / 2 ** 20 };
  }
  return null;
}

function removeDir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
