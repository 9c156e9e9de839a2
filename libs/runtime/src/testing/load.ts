import { get, type ClientRequest } from 'node:http';

export interface Load {
  /** Stops issuing requests, aborts those in flight, and returns how many completed. */
  stop(): Promise<number>;
}

/**
 * Keeps `concurrency` requests to 127.0.0.1:port/path in flight until stopped, at most maxMs and maxRequests:
 * the job server is single-threaded, so three in flight keep it saturated with no idle gap.
 */
export function startLoad(
  port: number,
  path: string,
  concurrency: number,
  maxMs = 10_000,
  maxRequests = 500,
): Load {
  const deadline = Date.now() + maxMs;
  const inFlight = new Set<ClientRequest>();
  let stopped = false;
  let issued = 0;
  let completed = 0;
  const once = (): Promise<boolean> =>
    new Promise((resolve) => {
      const request = get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
        response.resume();
        response.on('end', () => {
          completed++;
          resolve(true);
        });
      });
      inFlight.add(request);
      // Refused, reset or aborted by stop(): 'close' follows and settles the request.
      request.on('error', () => undefined);
      request.on('close', () => {
        inFlight.delete(request);
        resolve(false);
      });
    });
  const loop = async (): Promise<void> => {
    while (!stopped && Date.now() < deadline && issued < maxRequests) {
      issued++;
      // A refused connection returns at once: back off rather than spin through the request budget.
      if (!(await once())) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const loops = Array.from({ length: concurrency }, () => loop());
  return {
    stop: async () => {
      stopped = true;
      for (const request of inFlight) request.destroy();
      await Promise.all(loops);
      return completed;
    },
  };
}
