import { HaproxyCommandError } from '../errors';
import { parseShowStat, type HaproxyStatRow } from '../stat/show-stat';
import { checkName } from '../runtime/command-arguments';
import { CommandQueue } from '../runtime/command-queue';
import { sendUnixSocketCommand } from '../runtime/unix-socket-command';
import { parseShowProc, type HaproxyProcList } from './show-proc';

/** The master CLI (`-S <socket>`): reload and process listing. */
export class MasterCli {
  private readonly queue = new CommandQueue();

  constructor(
    readonly socketPath: string,
    private readonly timeoutMs = 5000,
  ) {}

  /**
   * Parsed `show proc`. While the master re-executes itself during a reload its socket refuses
   * connections for a few ms (`ECONNREFUSED`): callers poll through that.
   */
  async showProc(): Promise<HaproxyProcList> {
    const reply = await this.send('show proc');
    const procs = parseShowProc(reply);
    if (!procs) throw new HaproxyCommandError('show proc', reply);
    return procs;
  }

  /** In 2.6 `reload` answers nothing at all, success or not: the outcome is only visible in `show proc`. */
  async reload(): Promise<void> {
    const reply = await this.send('reload');
    if (reply.trim() !== '') throw new HaproxyCommandError('reload', reply);
  }

  /**
   * `show stat <be> 4 -1` inside one worker, current or old (`@!<pid>` prefix). An old worker still
   * finishing requests is the only place their sessions are visible. A worker that has exited meanwhile
   * answers with an error line instead of CSV: read as no rows.
   */
  async showStatOf(pid: number, backend: string): Promise<HaproxyStatRow[]> {
    const reply = await this.send(`@!${Math.trunc(pid)} show stat ${checkName('backend', backend)} 4 -1`);
    return reply.startsWith('# ') ? parseShowStat(reply) : [];
  }

  private send(command: string): Promise<string> {
    return this.queue.run(() => sendUnixSocketCommand(this.socketPath, command, this.timeoutMs));
  }
}
