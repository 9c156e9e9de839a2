import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { HaproxyProcessError } from '../errors';
import { HaproxyRuntimeApi } from '../runtime/haproxy-runtime-api';
import { haproxyPaths, type HaproxyPaths } from './haproxy-paths';
import { HaproxyProcess } from './haproxy-process';
import { confirmedReload } from './confirmed-reload';
import { MasterCli } from './master-cli';
import type { HaproxyProcList } from './show-proc';
import { validateConfigFile } from './validate-config';
import { logTail } from './log-tail';
import { waitFor } from './wait-for';

export interface HaproxySupervisorOptions {
  binary: string;
  /** Holds haproxy.cfg, the sockets, the pidfile, the server-state file and haproxy.log. */
  workDir: string;
  /** Spawn outside our process group so haproxy outlives the manager (reattach through the pidfile). */
  detached?: boolean;
  startTimeoutMs?: number;
  reloadTimeoutMs?: number;
}

/** Owns one haproxy master-worker: validated (re)loads of a fully rendered config, hitless reloads, stop. */
export class HaproxySupervisor {
  readonly paths: HaproxyPaths;
  readonly runtime: HaproxyRuntimeApi;
  private readonly master: MasterCli;
  private process: HaproxyProcess | null = null;

  constructor(private readonly options: HaproxySupervisorOptions) {
    this.paths = haproxyPaths(options.workDir);
    this.runtime = new HaproxyRuntimeApi({ socketPath: this.paths.adminSocket });
    this.master = new MasterCli(this.paths.masterSocket);
  }

  get pid(): number | null {
    return this.process?.pid ?? null;
  }

  /** null while the master we started or attached to is alive; else its exit code or signal. */
  exitStatus(): number | string | null {
    return this.process ? this.process.exited() : 'not started';
  }

  showProc(): Promise<HaproxyProcList> {
    return this.master.showProc();
  }

  /**
   * Reattaches to a master still running from an earlier start, or spawns a new one. A reattached master
   * is reloaded only if its config differs from this one: a manager restart costs at most one reload.
   */
  async start(config: string): Promise<void> {
    await mkdir(this.paths.workDir, { recursive: true });
    if (await this.attach()) {
      const live = await readFile(this.paths.config, 'utf8').catch(() => null);
      return live === config ? undefined : this.reload(config);
    }
    await this.install(config);
    // A state file left by an earlier run would restore stale drain/maint states onto fresh servers.
    await rm(this.paths.serverState, { force: true });
    await Promise.all([this.paths.adminSocket, this.paths.masterSocket].map((p) => rm(p, { force: true })));
    const proc = HaproxyProcess.spawn(this.options.binary, this.paths, this.options.detached ?? false);
    this.process = proc;
    const abort = (): Error | null => {
      const exit = proc.exited();
      return exit === null ? null : new HaproxyProcessError(`haproxy exited (${exit}) during start`);
    };
    const timeoutMs = this.options.startTimeoutMs ?? 5000;
    const hasWorker = async (): Promise<true | undefined> =>
      (await this.master.showProc()).workers.length > 0 ? true : undefined;
    try {
      await waitFor('the haproxy admin socket', () => this.adminSocketAnswers(), { timeoutMs, abort });
      await waitFor('a haproxy worker', hasWorker, { timeoutMs, abort });
    } catch (error) {
      throw new HaproxyProcessError(`${(error as Error).message}:\n${await logTail(this.paths.log)}`);
    }
  }

  /**
   * Hitless reload: validate, save `show servers state` (runtime drain/maint states survive), master
   * `reload`, confirmed by a new worker in `show proc`.
   */
  async reload(config: string): Promise<void> {
    const running = await readFile(this.paths.config, 'utf8').catch(() => null);
    await this.install(config);
    try {
      await writeFile(this.paths.serverState, await this.runtime.showServersState());
      await confirmedReload(this.master, this.options.reloadTimeoutMs ?? 5000, this.paths.log);
    } catch (error) {
      // The file must keep saying what runs: a reattaching manager skips its reload when they match.
      if (running !== null) await writeFile(this.paths.config, running);
      throw error;
    }
    await waitFor('the haproxy admin socket', () => this.adminSocketAnswers(), { timeoutMs: 5000 });
  }

  /**
   * Rewrites the config file as a full snapshot of what runs (after runtime-API changes), without a
   * reload: a restart by hand or by the watchdog then starts with every server and weight.
   */
  async saveConfig(config: string): Promise<void> {
    await this.install(config);
  }

  /**
   * Requests for one server still in flight (or queued) in old workers: a reload leaves them running
   * there, invisible to the admin socket. Old workers linger up to `timeout http-keep-alive` for idle
   * clients, so counting their sessions beats waiting for them to exit.
   */
  async oldWorkerSessions(backend: string, server: string): Promise<number> {
    const { oldWorkers } = await this.master.showProc();
    const rows = await Promise.all(oldWorkers.map((worker) => this.master.showStatOf(worker.pid, backend)));
    return rows.flat().reduce((sum, row) => sum + (row.name === server ? row.scur + row.qcur : 0), 0);
  }

  /** Stops the master and its workers: SIGUSR1 lets in-flight requests finish, SIGTERM does not. */
  async stop(options: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
    const proc = (await this.attach()) ? this.process : null;
    if (proc) {
      proc.signal(options.graceful ? 'SIGUSR1' : 'SIGTERM');
      const exited = async (): Promise<true | undefined> => (proc.exited() === null ? undefined : true);
      await waitFor('haproxy to exit', exited, { timeoutMs: options.timeoutMs ?? 10_000 }).catch(async () => {
        proc.signal('SIGKILL');
        await waitFor('haproxy to exit after SIGKILL', exited, { timeoutMs: 2000 });
      });
    }
    this.process = null;
    const leftovers = [this.paths.adminSocket, this.paths.masterSocket, this.paths.pidFile];
    await Promise.all(leftovers.map((path) => rm(path, { force: true })));
  }

  /** Finds a running master through the pidfile, confirmed by its own master CLI. */
  async attach(): Promise<boolean> {
    if (this.process && this.process.exited() === null) return true;
    const pid = Number((await readFile(this.paths.pidFile, 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(pid) || pid <= 0) return false;
    const procs = await this.master.showProc().catch(() => null);
    if (procs?.master.pid !== pid) return false;
    this.process = HaproxyProcess.attach(pid);
    return true;
  }

  /** Writes the config beside the live one, validates it, then swaps it in: a rejected config never replaces a good one. */
  private async install(config: string): Promise<void> {
    await writeFile(this.paths.pendingConfig, config);
    await validateConfigFile(this.options.binary, this.paths.pendingConfig);
    await rename(this.paths.pendingConfig, this.paths.config);
  }

  private async adminSocketAnswers(): Promise<true | undefined> {
    return (await this.runtime.execute('show info')).includes('Name: HAProxy') ? true : undefined;
  }
}
