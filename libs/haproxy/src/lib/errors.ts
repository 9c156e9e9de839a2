/** Base of every error this library throws; `code` is stable, the message is for humans. */
export abstract class HaproxyError extends Error {
  abstract readonly code: string;
}

/** The runtime API (or master CLI) answered a command with something other than its success reply. */
export class HaproxyCommandError extends HaproxyError {
  readonly code: string = 'HAPROXY_COMMAND_FAILED';
  constructor(
    readonly command: string,
    readonly reply: string,
  ) {
    super(`haproxy rejected "${command}": ${reply.trim() || '(empty reply)'}`);
    this.name = new.target.name;
  }
}

/** `No such backend.` / `No such proxy.` */
export class HaproxyNoSuchBackendError extends HaproxyCommandError {
  override readonly code = 'HAPROXY_NO_SUCH_BACKEND';
}

/** `No such server.` */
export class HaproxyNoSuchServerError extends HaproxyCommandError {
  override readonly code = 'HAPROXY_NO_SUCH_SERVER';
}

/** `Already exists a server with the same name in backend.` */
export class HaproxyServerExistsError extends HaproxyCommandError {
  override readonly code = 'HAPROXY_SERVER_EXISTS';
}

/** `Only servers in maintenance mode can be deleted.` */
export class HaproxyServerNotInMaintError extends HaproxyCommandError {
  override readonly code = 'HAPROXY_SERVER_NOT_IN_MAINT';
}

/** `Server still has connections attached to it, cannot remove it.` */
export class HaproxyServerBusyError extends HaproxyCommandError {
  override readonly code = 'HAPROXY_SERVER_BUSY';
}

/** A name or value that would break the one-line command protocol (spaces, `;`, newlines). */
export class HaproxyArgumentError extends HaproxyError {
  readonly code = 'HAPROXY_BAD_ARGUMENT';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Connecting to, writing to or reading from a unix socket failed or timed out. */
export class HaproxySocketError extends HaproxyError {
  readonly code = 'HAPROXY_SOCKET';
  constructor(
    readonly socketPath: string,
    readonly command: string,
    cause: Error,
  ) {
    super(`haproxy socket ${socketPath} failed for "${command}": ${cause.message}`, { cause });
    this.name = new.target.name;
  }
}

/** `haproxy -c -f` refused the rendered config; `output` holds haproxy's ALERT lines. */
export class HaproxyConfigInvalidError extends HaproxyError {
  readonly code = 'HAPROXY_CONFIG_INVALID';
  constructor(
    readonly configPath: string,
    readonly output: string,
  ) {
    super(`haproxy config ${configPath} is invalid:\n${output.trim()}`);
    this.name = new.target.name;
  }
}

/** The haproxy process did not come up, or exited, or a reload did not produce a new worker. */
export class HaproxyProcessError extends HaproxyError {
  readonly code: string = 'HAPROXY_PROCESS';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class HaproxyReloadError extends HaproxyProcessError {
  override readonly code = 'HAPROXY_RELOAD_FAILED';
}
