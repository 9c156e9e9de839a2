import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface LocalHttpServer {
  readonly url: string;
  /** Requests received, by path. */
  readonly byPath: Map<string, number>;
  readonly stats: { received: number; concurrent: number; maxConcurrent: number };
  /** Holds every response, in progress or new, until `ms` from now: a server stall. */
  pauseFor(ms: number): void;
  close(): Promise<void>;
}

/** A tiny HTTP server on 127.0.0.1 answering 200 after `delayMs(req)` ms. */
export async function startLocalHttpServer(
  delayMs: (req: IncomingMessage) => number = () => 0,
): Promise<LocalHttpServer> {
  const byPath = new Map<string, number>();
  const stats = { received: 0, concurrent: 0, maxConcurrent: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  let pausedUntil = 0;
  const server = createServer((req, res) => {
    stats.received++;
    stats.concurrent++;
    stats.maxConcurrent = Math.max(stats.maxConcurrent, stats.concurrent);
    byPath.set(req.url ?? '', (byPath.get(req.url ?? '') ?? 0) + 1);
    const answer = (): void => {
      const heldMs = pausedUntil - Date.now();
      if (heldMs > 0) return later(answer, heldMs);
      stats.concurrent--;
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    };
    const wait = delayMs(req);
    if (wait > 0) later(answer, wait);
    else answer();
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    byPath,
    stats,
    pauseFor: (ms) => (pausedUntil = Date.now() + ms),
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      return closeServer(server);
    },
  };
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await listen(server);
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return port;
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
