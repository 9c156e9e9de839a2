import { haproxyDuration } from '../config/durations';
import { parseShowStat, type HaproxyStatRow } from '../stat/show-stat';
import { checkHost, checkIntegerInRange, checkName, proxyServerRef } from './command-arguments';
import { CommandQueue } from './command-queue';
import { expectReply, toCommandError } from './runtime-replies';
import { sendUnixSocketCommand } from './unix-socket-command';

export interface HealthCheckOptions {
  interMs: number;
  /** Interval while a server is between states (UP going down, DOWN going up): how fast a dead node leaves. */
  fastInterMs: number;
  fall: number;
  rise: number;
}

export interface DynamicServerOptions {
  host: string;
  port: number;
  weight: number;
  /** `maxconn`: requests the server gets at once, the rest queue in the backend; absent: no limit. */
  maxConnections?: number;
  /** Defaults to inter 1s, fastinter 250ms, fall 2, rise 2; `false` adds the server without a health check. */
  check?: HealthCheckOptions | false;
}

export type ServerAdminState = 'ready' | 'drain' | 'maint';

export interface HaproxyRuntimeApiOptions {
  /** Absolute path of the admin `stats socket` (level admin). */
  socketPath: string;
  timeoutMs?: number;
}

// A killed node fails its next check (within inter) and the second one a fastinter later: out in < 1.5 s.
export const DEFAULT_HEALTH_CHECK: HealthCheckOptions = { interMs: 1000, fastInterMs: 250, fall: 2, rise: 2 };

/** HAProxy 2.6 runtime API over the admin socket: one command per connection, one command at a time. */
export class HaproxyRuntimeApi {
  private readonly queue = new CommandQueue();
  private readonly timeoutMs: number;

  constructor(private readonly options: HaproxyRuntimeApiOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Sends a raw command and returns the raw reply, without interpreting it. */
  execute(command: string): Promise<string> {
    return this.queue.run(() => sendUnixSocketCommand(this.options.socketPath, command, this.timeoutMs));
  }

  /**
   * `New server registered.`; failures: `No such backend.`, `Already exists a server with the same name in
   * backend.`, `Backend must use a dynamic load balancing to support dynamic servers.`
   * Dynamic servers ignore `default-server` and get no idle connection pool unless given one, so every
   * parameter is explicit. The server starts in MAINT: follow with enableHealth and setState('ready').
   */
  async addServer(backend: string, server: string, options: DynamicServerOptions): Promise<void> {
    const weight = checkIntegerInRange('weight', options.weight, 0, 256);
    const port = checkIntegerInRange('port', options.port, 1, 65535);
    const host = checkHost(options.host);
    const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    const check =
      options.check === false ? '' : ` ${healthCheckArguments(options.check ?? DEFAULT_HEALTH_CHECK)}`;
    const maxconn = options.maxConnections
      ? ` maxconn ${checkIntegerInRange('maxconn', options.maxConnections, 1, 100_000)}`
      : '';
    const command =
      `add server ${proxyServerRef(backend, server)} ${address} weight ${weight}${maxconn}${check}` +
      ' pool-max-conn -1 pool-purge-delay 5s';
    expectReply(command, await this.execute(command), 'New server registered.');
  }

  /** Empty reply; `No such server.` / `No such backend.`. Without it a dynamic server shows `no check`. */
  async enableHealth(backend: string, server: string): Promise<void> {
    await this.expectEmpty(`enable health ${proxyServerRef(backend, server)}`);
  }

  /** Empty reply; `No such server.` / `No such backend.`. */
  async setState(backend: string, server: string, state: ServerAdminState): Promise<void> {
    await this.expectEmpty(`set server ${proxyServerRef(backend, server)} state ${state}`);
  }

  /** Empty reply; `Absolute weight can only be between 0 and 256 inclusive.`, `No such server.`. */
  async setMaxConnections(backend: string, server: string, maxConnections: number): Promise<void> {
    const maxconn = checkIntegerInRange('maxconn', maxConnections, 1, 100_000);
    await this.expectEmpty(`set maxconn server ${proxyServerRef(backend, server)} ${maxconn}`);
  }

  async setWeight(backend: string, server: string, weight: number): Promise<void> {
    checkIntegerInRange('weight', weight, 0, 256);
    await this.expectEmpty(`set server ${proxyServerRef(backend, server)} weight ${weight}`);
  }

  /**
   * `IP changed from '127.0.0.1' to '127.0.0.2', port changed from '9003' to '9004' by 'stats socket
   * command'`, or `no need to change the addr, no need to change the port by ...`; `No such server.`.
   */
  async setAddress(backend: string, server: string, host: string, port: number): Promise<void> {
    checkIntegerInRange('port', port, 1, 65535);
    const command = `set server ${proxyServerRef(backend, server)} addr ${checkHost(host)} port ${port}`;
    const reply = await this.execute(command);
    if (!/(changed from|no need to change).* by 'stats socket command'/.test(reply)) {
      throw toCommandError(command, reply);
    }
  }

  /** Empty reply (also when there was nothing to shut down); `No such server.`. */
  async shutdownSessions(backend: string, server: string): Promise<void> {
    await this.expectEmpty(`shutdown sessions server ${proxyServerRef(backend, server)}`);
  }

  /**
   * `Server deleted.`; failures: `Only servers in maintenance mode can be deleted.`,
   * `Server still has connections attached to it, cannot remove it.` (retry after in-flight requests end).
   */
  async delServer(backend: string, server: string): Promise<void> {
    const command = `del server ${proxyServerRef(backend, server)}`;
    expectReply(command, await this.execute(command), 'Server deleted.');
  }

  /**
   * CSV starting with `# pxname,svname,...`; failure: `No such proxy.`. With a backend, only its server
   * rows (`show stat <be> 4 -1`: type mask 4 = servers, -1 = every server id).
   */
  async showStat(backend?: string): Promise<HaproxyStatRow[]> {
    const command = backend ? `show stat ${checkName('backend', backend)} 4 -1` : 'show stat';
    const reply = await this.execute(command);
    if (!reply.startsWith('# ')) throw toCommandError(command, reply);
    return parseShowStat(reply);
  }

  /** The `load-server-state-from-file` format: a version line (`1`), a `# be_id ...` header, rows. */
  async showServersState(): Promise<string> {
    const command = 'show servers state';
    const reply = await this.execute(command);
    if (!/^\d+\n# be_id/.test(reply)) throw toCommandError(command, reply);
    return reply;
  }

  private async expectEmpty(command: string): Promise<void> {
    expectReply(command, await this.execute(command), '');
  }
}

/** `check inter 1s fastinter 250ms fall 2 rise 2`: the same words for static and dynamic servers. */
export function healthCheckArguments(check: HealthCheckOptions): string {
  const ms = (kind: string, value: number): string =>
    haproxyDuration(checkIntegerInRange(kind, value, 10, 3_600_000));
  const fall = checkIntegerInRange('fall', check.fall, 1, 100);
  const rise = checkIntegerInRange('rise', check.rise, 1, 100);
  return `check inter ${ms('inter (ms)', check.interMs)} fastinter ${ms('fastinter (ms)', check.fastInterMs)} fall ${fall} rise ${rise}`;
}
