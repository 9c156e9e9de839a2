import { connect as openSocket, Socket } from 'node:net';
import { buildConnector, Dispatcher, Pool } from 'undici';
import { RequestOutcome } from '../measure/outcome-tally';

export interface SenderSettings {
  /** Keep-alive connections per origin. */
  connections: number;
  /** Whole-request deadline. */
  timeoutMs: number;
  /** ms since the run's start, monotonic. */
  now: () => number;
}

/** Cancels a request in flight; it then settles as `cancelled`. */
export type CancelRequest = () => void;

/**
 * Sends GETs over undici connection pools, one per origin, one request at a time per connection
 * (no pipelining, so a slow answer never holds up the next request and nothing is retried behind
 * the caller's back). undici's dispatcher API is used rather than node:http: at 5,000 req/s the
 * node:http client's per-request objects were a third of the generator's CPU.
 */
export class HttpSender {
  private readonly pools = new Map<string, Pool>();
  /** Connections opened ahead, per origin, handed to the pool as it grows. */
  private readonly spare = new Map<string, Socket[]>();
  private readonly connectNew = buildConnector({});

  constructor(private readonly settings: SenderSettings) {}

  /**
   * Opens up to `count` connections to the URL's origin now, so that a run's first second is not a
   * burst of handshakes; waits at most `limitMs`. Resolves to how many are open.
   */
  async preconnect(url: URL, count: number, limitMs: number): Promise<number> {
    const opening = Array.from({ length: Math.min(count, this.settings.connections) }, () =>
      openSocket({ host: url.hostname, port: Number(url.port || 80) }).setNoDelay(true),
    );
    const connected = opening.map(
      (socket) =>
        new Promise<boolean>((resolve) => {
          socket.once('connect', () => resolve(true));
          socket.once('error', () => resolve(false));
        }),
    );
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
    await Promise.race([Promise.all(connected), deadline]);
    clearTimeout(timer);
    const open = opening.filter((socket) => !socket.connecting && !socket.destroyed);
    for (const socket of opening) if (!open.includes(socket)) socket.destroy();
    this.spare.set(url.origin, [...(this.spare.get(url.origin) ?? []), ...open]);
    return open.length;
  }

  /** Sends one GET, reads the whole body, and reports exactly one outcome. */
  send(url: URL, done: (outcome: RequestOutcome) => void): CancelRequest {
    const { timeoutMs, now } = this.settings;
    const calledAtMs = now();
    const request = new GetRequest(calledAtMs, now, done);
    // A whole-request deadline: undici's own timeouts bound the wait for headers and body separately.
    request.timer = setTimeout(() => request.fail('TIMEOUT'), timeoutMs);
    this.poolFor(url).dispatch({ path: url.pathname + url.search, method: 'GET' }, request);
    return () => request.cancel();
  }

  /** Closes every connection; requests still in flight settle as errors (or stay settled). */
  async destroy(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    for (const sockets of this.spare.values()) for (const socket of sockets) socket.destroy();
    this.spare.clear();
    await Promise.all(pools.map((pool) => pool.destroy()));
  }

  private poolFor(url: URL): Pool {
    let pool = this.pools.get(url.origin);
    if (!pool) {
      pool = new Pool(url.origin, {
        connections: this.settings.connections,
        pipelining: 1,
        connect: (options, callback) => {
          const ready = this.spare.get(url.origin)?.pop();
          // Asynchronously, as a real connect would: undici's client is not ready for a re-entrant callback.
          if (ready && !ready.destroyed && ready.writable) process.nextTick(callback, null, ready);
          else this.connectNew(options, callback);
        },
      });
      this.pools.set(url.origin, pool);
    }
    return pool;
  }
}

/** One request's handler: its times, its single outcome, and its abort once it is on a connection. */
class GetRequest implements Dispatcher.DispatchHandler {
  timer: NodeJS.Timeout | undefined;
  private sentAtMs: number | undefined;
  private status = 0;
  private settled = false;
  private controller: Dispatcher.DispatchController | undefined;

  constructor(
    private readonly calledAtMs: number,
    private readonly now: () => number,
    private readonly done: (outcome: RequestOutcome) => void,
  ) {}

  // Service time starts when the request goes on the wire, after any wait for a free connection.
  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.settled) controller.abort(new Error('settled before it was sent'));
    else this.sentAtMs = this.now();
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    this.status = statusCode;
  }

  onResponseData(): void {
    // The body is read and discarded: only its end matters.
  }

  onResponseEnd(): void {
    this.settle({
      kind: 'response',
      status: this.status,
      sentAtMs: this.sentAtMs ?? this.calledAtMs,
      endedAtMs: this.now(),
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(errorCode(error));
  }

  fail(code: string): void {
    this.settle({ kind: 'error', code, endedAtMs: this.now() });
    this.abort();
  }

  cancel(): void {
    this.settle({ kind: 'cancelled' });
    this.abort();
  }

  private abort(): void {
    if (this.controller && !this.controller.aborted) this.controller.abort(new Error('request ended'));
  }

  private settle(outcome: RequestOutcome): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.done(outcome);
  }
}

/**
 * The socket's own code where there is one (ECONNREFUSED, ECONNRESET…), so reports read the same
 * whatever client sent the request; undici's "other side closed" is a reset seen from this side.
 */
function errorCode(error: Error): string {
  const own = (error as NodeJS.ErrnoException).code;
  const cause = ((error as { cause?: NodeJS.ErrnoException }).cause ?? {}).code;
  if (typeof cause === 'string' && cause.length > 0) return cause;
  if (own === 'UND_ERR_SOCKET') return 'ECONNRESET';
  if (own === 'UND_ERR_CONNECT_TIMEOUT') return 'ETIMEDOUT';
  return typeof own === 'string' && own.length > 0 ? own : error.name || 'UNKNOWN';
}
