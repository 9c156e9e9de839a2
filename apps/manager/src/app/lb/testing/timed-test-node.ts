import { createServer, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface TimedTestNode {
  name: string;
  port: number;
  /** Each answered request's time at the node, ms: a lower bound of what the balancer measures. */
  served: number[];
  close(): Promise<void>;
}

/**
 * A node on 127.0.0.1 that answers `?delay=<ms>` no sooner than that (a Node timer alone may fire early
 * by the time its event-loop turn took), and records how long each request took there.
 */
export async function startTimedTestNode(name: string): Promise<TimedTestNode> {
  const served: number[] = [];
  const server: Server = createServer((req, res) => {
    if (req.url === '/health') return void res.end('ok');
    const started = performance.now();
    const delayMs = Number(/[?&]delay=(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
    const answer = (): void => {
      const waited = performance.now() - started;
      if (waited < delayMs) return void setTimeout(answer, delayMs - waited);
      res.end(name);
      served.push(performance.now() - started);
    };
    answer();
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    name,
    port: address.port,
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
