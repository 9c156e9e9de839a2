import { link, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What survives an agent restart for one process node: enough to find and judge its pid again. */
export interface ProcessNodeState {
  nodeId: string;
  /** Absent from files written before incarnations were recorded. */
  incarnation?: number;
  pod: string;
  port: number;
  cpus: number;
  memoryMiB: number;
  /** Present from create until applyCpuCap: the cap the node boots under (NodeSpec.bootCpus). */
  bootCpus?: number;
  cloud: string;
  /** Where the job server listens; absent from files written before addresses were recorded: NODE_HOST. */
  host?: string;
  pid?: number;
}

/** One `<nodeId>.json` per node in stateDir, with the node's log beside it. */
export class NodeStateStore {
  constructor(private readonly stateDir: string) {}

  logPath(nodeId: string): string {
    return join(this.stateDir, `${nodeId}.log`);
  }

  /** Returns false if a state file for the id already exists. */
  async create(state: ProcessNodeState): Promise<boolean> {
    await mkdir(this.stateDir, { recursive: true });
    const tmp = await this.writeTemp(state);
    try {
      // link() is atomic and refuses to overwrite: readers never see a half-written file, racing creates lose.
      await link(tmp, this.statePath(state.nodeId));
      return true;
    } catch (error) {
      if (isErrno(error, 'EEXIST')) return false;
      throw error;
    } finally {
      await unlink(tmp);
    }
  }

  async write(state: ProcessNodeState): Promise<void> {
    await rename(await this.writeTemp(state), this.statePath(state.nodeId));
  }

  async read(nodeId: string): Promise<ProcessNodeState | undefined> {
    try {
      return JSON.parse(await readFile(this.statePath(nodeId), 'utf8')) as ProcessNodeState;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return undefined;
      throw error;
    }
  }

  async all(): Promise<ProcessNodeState[]> {
    let names: string[];
    try {
      names = await readdir(this.stateDir);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
    const states = await Promise.all(
      names.filter((name) => name.endsWith('.json')).map((name) => this.read(name.slice(0, -'.json'.length))),
    );
    return states.filter((state): state is ProcessNodeState => state !== undefined);
  }

  async remove(nodeId: string): Promise<void> {
    await Promise.all([this.statePath(nodeId), this.logPath(nodeId)].map((path) => unlinkIfPresent(path)));
  }

  private statePath(nodeId: string): string {
    return join(this.stateDir, `${nodeId}.json`);
  }

  private async writeTemp(state: ProcessNodeState): Promise<string> {
    const tmp = join(this.stateDir, `${state.nodeId}.json.${process.pid}.${Date.now()}.tmp`);
    await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
    return tmp;
  }
}

// Duck-typed: errors from node's fs are not `instanceof Error` inside a jest sandbox.
export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}
