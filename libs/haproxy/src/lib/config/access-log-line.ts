import { LOG_ONE_IN_VAR } from './access-log-sampling';
import { UNKNOWN_PATH_BACKEND } from './haproxy-config-model';

/** Backend, server, total active time of the request in ms (%Ta), HTTP status, the 1 in N it was kept at. */
export const ACCESS_LOG_FORMAT = `%b %s %Ta %ST %[var(${LOG_ONE_IN_VAR})]`;

export interface AccessLogEntry {
  /** The pod (`be_<pod>` without its prefix). */
  pod: string;
  server: string;
  totalMs: number;
  status: number;
  /** How many requests the line stands for: its request was logged 1 in `weight`. */
  weight: number;
}

// The last field is absent in a line of a worker started before it was logged: that one counts once.
const LINE = /^be_([a-z][a-z0-9-]{0,30}) (\S+) (-?\d+) (\d{3})(?: (\d+|-))?$/;

/**
 * One `format raw` access-log datagram in ACCESS_LOG_FORMAT. null for what is no served request: the
 * unknown-path backend, a request answered without a server (`<NOSRV>`: paused or empty pod), an
 * aborted one (`%Ta` of -1), or anything else.
 */
export function parseAccessLogLine(line: string): AccessLogEntry | null {
  const match = LINE.exec(line.trim());
  if (!match || `be_${match[1]}` === UNKNOWN_PATH_BACKEND || match[2] === '<NOSRV>') return null;
  const totalMs = Number(match[3]);
  if (totalMs < 0) return null;
  const oneIn = Number(match[5] ?? 1);
  const weight = Number.isSafeInteger(oneIn) && oneIn > 1 ? oneIn : 1;
  return { pod: match[1], server: match[2], totalMs, status: Number(match[4]), weight };
}
