import {
  HaproxyCommandError,
  HaproxyNoSuchBackendError,
  HaproxyNoSuchServerError,
  HaproxyServerBusyError,
  HaproxyServerExistsError,
  HaproxyServerNotInMaintError,
} from '../errors';

type CommandErrorClass = new (command: string, reply: string) => HaproxyCommandError;

const KNOWN_FAILURES: ReadonlyArray<readonly [RegExp, CommandErrorClass]> = [
  [/^No such (backend|proxy)\./, HaproxyNoSuchBackendError],
  [/^No such server\./, HaproxyNoSuchServerError],
  [/^Already exists a server with the same name/, HaproxyServerExistsError],
  [/^Only servers in maintenance mode can be deleted/, HaproxyServerNotInMaintError],
  [/^Server still has connections attached to it/, HaproxyServerBusyError],
];

/** The most specific typed error for a failure reply; unknown replies become a plain HaproxyCommandError. */
export function toCommandError(command: string, reply: string): HaproxyCommandError {
  const text = reply.trim();
  const match = KNOWN_FAILURES.find(([pattern]) => pattern.test(text));
  const ErrorClass = match ? match[1] : HaproxyCommandError;
  return new ErrorClass(command, text);
}

/**
 * Accepts only the exact success reply (`''` for commands that answer nothing). The runtime API has no
 * status codes, so anything else, including a reply we have never seen, is an error.
 */
export function expectReply(command: string, reply: string, success: string): void {
  if (reply.trim() !== success) throw toCommandError(command, reply);
}
