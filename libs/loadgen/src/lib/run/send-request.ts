import { Agent, request } from 'node:http';
import { RequestOutcome } from '../measure/outcome-tally';

export interface SendSettings {
  agent: Agent;
  timeoutMs: number;
  /** ms since the run's start, monotonic. */
  now: () => number;
}

/** Cancels a request in flight; it then settles as `cancelled`. */
export type CancelRequest = () => void;

/** Sends one GET, reads the whole body, and reports exactly one outcome. */
export function sendRequest(
  url: URL,
  settings: SendSettings,
  done: (outcome: RequestOutcome) => void,
): CancelRequest {
  const { agent, timeoutMs, now } = settings;
  const calledAtMs = now();
  let sentAtMs: number | undefined;
  let settled = false;
  const settle = (outcome: RequestOutcome): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    done(outcome);
  };
  const fail = (error: Error): void => settle({ kind: 'error', code: errorCode(error), endedAtMs: now() });

  const req = request(url, { agent, method: 'GET' }, (res) => {
    res.on('error', fail);
    res.on('end', () =>
      settle({
        kind: 'response',
        status: res.statusCode ?? 0,
        sentAtMs: sentAtMs ?? calledAtMs,
        endedAtMs: now(),
      }),
    );
    res.resume();
  });
  // Service time starts when the request can go on the wire, after any wait for a free socket.
  req.on('socket', (socket) => {
    if (!socket.connecting) sentAtMs = now();
    else socket.once('connect', () => (sentAtMs = now()));
  });
  req.on('error', fail);
  // A whole-request deadline: req.setTimeout would only bound socket idleness.
  const timer = setTimeout(() => {
    settle({ kind: 'error', code: 'TIMEOUT', endedAtMs: now() });
    req.destroy();
  }, timeoutMs);
  req.end();
  return () => {
    settle({ kind: 'cancelled' });
    req.destroy();
  };
}

function errorCode(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' && code.length > 0 ? code : error.name || 'UNKNOWN';
}
