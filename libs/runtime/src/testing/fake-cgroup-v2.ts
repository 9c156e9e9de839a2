import { mkdir, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CgroupDirOps } from '../lib/cgroup/cgroup-dir-ops';

export interface FakeCgroupV2Options {
  /** What the root offers its children (cgroup.controllers); default cpu, memory, io, pids. */
  controllers?: string[];
  /** memory.swap.max exists only with swap accounting (default true). */
  swapAccounting?: boolean;
  /** cgroup.freeze exists from kernel 5.2 (default true). */
  freezer?: boolean;
}

/**
 * A cgroup v2 hierarchy as plain files in a directory, for hosts (like these cgroup v1 machines) where the real
 * one cannot be written. It plays the kernel's part where plain files cannot: mkdir fills a group with the
 * interface files its parent's cgroup.subtree_control entitles it to, rmdir refuses a group with processes
 * or children (EBUSY) and takes the files away, and `freezer()` acts on cgroup.freeze.
 */
export class FakeCgroupV2 {
  readonly dirs: CgroupDirOps = {
    mkdir: (dir) => this.mkdir(dir),
    rmdir: (dir) => this.rmdir(dir),
  };

  private constructor(
    readonly root: string,
    private readonly options: Required<FakeCgroupV2Options>,
  ) {}

  static async create(root: string, options: FakeCgroupV2Options = {}): Promise<FakeCgroupV2> {
    const fake = new FakeCgroupV2(root, {
      controllers: options.controllers ?? ['cpu', 'memory', 'io', 'pids'],
      swapAccounting: options.swapAccounting ?? true,
      freezer: options.freezer ?? true,
    });
    await mkdir(root, { recursive: true });
    // The root has no cgroup.type, cgroup.freeze, cpu.max or memory.max: only non-root groups do.
    await fake.writeAll(root, {
      'cgroup.controllers': `${fake.options.controllers.join(' ')}\n`,
      'cgroup.subtree_control': '',
      'cgroup.procs': '',
      'cpu.stat': 'usage_usec 0\nuser_usec 0\nsystem_usec 0\n',
    });
    return fake;
  }

  /** /proc/mounts text naming this tree as the cgroup2 file system. */
  procMounts(): string {
    return `cgroup2 ${this.root} cgroup2 rw,nosuid,nodev,noexec,relatime 0 0\n`;
  }

  /** A group made the way systemd would make it, holding `procs`. */
  async group(relative: string, procs: number[] = []): Promise<string> {
    const dir = join(this.root, relative);
    await this.mkdir(dir);
    await writeFile(join(dir, 'cgroup.procs'), procs.map((pid) => `${pid}\n`).join(''));
    return dir;
  }

  /** The kernel's freezer for every group below `under`: SIGSTOP/SIGCONT by cgroup.freeze, told in cgroup.events. */
  freezer(under: string, intervalMs = 10): () => void {
    const timer = setInterval(() => void this.applyFreeze(under).catch(() => undefined), intervalMs);
    return () => clearInterval(timer);
  }

  private async applyFreeze(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    const wanted = (await readFile(join(dir, 'cgroup.freeze'), 'utf8').catch(() => '0')).trim() === '1';
    const events = await readFile(join(dir, 'cgroup.events'), 'utf8').catch(() => undefined);
    if (events !== undefined && events.includes(`frozen ${wanted ? 0 : 1}`)) {
      const procs = (await readFile(join(dir, 'cgroup.procs'), 'utf8')).split('\n').filter(Boolean);
      for (const pid of procs) {
        try {
          process.kill(Number(pid), wanted ? 'SIGSTOP' : 'SIGCONT');
        } catch {
          // gone
        }
      }
      await writeFile(
        join(dir, 'cgroup.events'),
        `populated ${procs.length > 0 ? 1 : 0}\nfrozen ${wanted ? 1 : 0}\n`,
      );
    }
    for (const entry of entries) if (entry.isDirectory()) await this.applyFreeze(join(dir, entry.name));
  }

  private async mkdir(dir: string): Promise<void> {
    if (await isDirectory(dir)) return;
    const parent = join(dir, '..');
    const offered = await words(join(parent, 'cgroup.controllers'));
    const enabled = (await words(join(parent, 'cgroup.subtree_control'))).filter((c) => offered.includes(c));
    await mkdir(dir);
    const files: Record<string, string> = {
      'cgroup.controllers': `${enabled.join(' ')}\n`,
      'cgroup.subtree_control': '',
      'cgroup.procs': '',
      'cgroup.type': 'domain\n',
      'cgroup.events': 'populated 0\nfrozen 0\n',
      'cpu.stat': 'usage_usec 0\nuser_usec 0\nsystem_usec 0\n',
    };
    if (this.options.freezer) files['cgroup.freeze'] = '0\n';
    if (enabled.includes('cpu')) {
      files['cpu.max'] = 'max 100000\n';
      files['cpu.weight'] = '100\n';
      files['cpu.stat'] += 'nr_periods 0\nnr_throttled 0\nthrottled_usec 0\n';
    }
    if (enabled.includes('memory')) {
      files['memory.max'] = 'max\n';
      files['memory.current'] = '0\n';
      files['memory.events'] = 'low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n';
      files['memory.stat'] = 'anon 0\nfile 0\ninactive_file 0\n';
      if (this.options.swapAccounting) {
        files['memory.swap.max'] = 'max\n';
        files['memory.swap.current'] = '0\n';
      }
    }
    await this.writeAll(dir, files);
  }

  private async rmdir(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    const procs = (await readFile(join(dir, 'cgroup.procs'), 'utf8').catch(() => '')).split('\n');
    // The kernel drops a pid from cgroup.procs when it exits; here the list keeps it, so ask whether it lives.
    if (
      entries.some((entry) => entry.isDirectory()) ||
      procs.some((pid) => pid !== '' && isAlive(Number(pid)))
    ) {
      throw Object.assign(new Error(`EBUSY: resource busy or locked, rmdir '${dir}'`), { code: 'EBUSY' });
    }
    await Promise.all(entries.map((entry) => rm(join(dir, entry.name))));
    await rmdir(dir);
  }

  private async writeAll(dir: string, files: Record<string, string>): Promise<void> {
    await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(dir, name), text)));
  }
}

/** Every file of a group and its text, for asserting exactly what was written. */
export async function groupFiles(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  const texts = await Promise.all(files.map((name) => readFile(join(dir, name), 'utf8')));
  return Object.fromEntries(files.map((name, i) => [name, texts[i]]));
}

async function words(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.replace(/^\+/, ''));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
