import type { Response } from 'express';

/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

export interface ServerSentEvents {
  /** Writes text already framed as server-sent events. */
  write(text: string): void;
  /** Ends the stream (idempotent). */
  end(): void;
  /** Aborted when the client goes away or the stream ends. */
  readonly gone: AbortSignal;
}

/** Starts a `text/event-stream` answer: headers out at once, a keep-alive comment every 15 s. */
export function startServerSentEvents(response: Response): ServerSentEvents {
  const gone = new AbortController();
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  const stop = (): void => {
    clearInterval(keepAlive);
    gone.abort();
  };
  response.on('close', stop);
  response.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  response.flushHeaders();
  return {
    write: (text) => {
      if (!gone.signal.aborted) response.write(text);
    },
    end: () => {
      stop();
      response.end();
    },
    gone: gone.signal,
  };
}
