import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { HaproxyProcessError } from '../errors';
import type { HaproxyPaths } from './haproxy-paths';

/** A master process: either spawned here or found again through its pidfile. */
export class HaproxyProcess {
  private exitCode: number | string | null = null;

  private constructor(
    readonly pid: number,
    private readonly child: ChildProcess | null,
  ) {
    child?.once('exit', (code, signal) => (this.exitCode = code ?? signal ?? 'unknown'));
    child?.once('error', (error) => (this.exitCode = error.message));
  }

  /** `-W` master-worker, `-S` master CLI; never `-D`, so the pid is the master's and exit is observable. */
  static spawn(binary: string, paths: HaproxyPaths, detached: boolean): HaproxyProcess {
    const log = openSync(paths.log, 'a');
    try {
      const args = ['-W', '-S', `${paths.masterSocket},mode,600`, '-f', paths.config, '-p', paths.pidFile];
      const child = spawn(binary, args, { cwd: paths.workDir, detached, stdio: ['ignore', log, log] });
      if (child.pid === undefined) {
        child.once('error', () => undefined); // already reported by the throw below
        throw new HaproxyProcessError(`could not spawn ${binary}`);
      }
      if (detached) child.unref();
      return new HaproxyProcess(child.pid, child);
    } finally {
      closeSync(log);
    }
  }

  static attach(pid: number): HaproxyProcess {
    return new HaproxyProcess(pid, null);
  }

  /** Exit code or signal if it has exited, otherwise null. */
  exited(): number | string | null {
    if (this.child) return this.exitCode;
    return isAlive(this.pid) ? null : 'gone';
  }

  signal(signal: NodeJS.Signals): void {
    if (this.exited() === null) process.kill(this.pid, signal);
  }
}

const HAS_PROC = existsSync('/proc/self/stat');

/**
 * A master we reattached to is not our child: once it dies it stays a zombie until init reaps it, which
 * took up to 1.4 s here, and `kill(pid, 0)` succeeds on a zombie. /proc shows the state (`Z`).
 */
function isAlive(pid: number): boolean {
  if (HAS_PROC) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return false;
    }
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
