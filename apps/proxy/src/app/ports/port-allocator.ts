import { createServer } from 'node:net';

/** True when nothing listens on host:port right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * Hands out node ports from a range. Ports in use by this agent's nodes (as the runtime reports them,
 * so nothing leaks across restarts) or by anything else on the host are skipped; allocations are serialized.
 */
export class PortAllocator {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly reserved = new Set<number>();
  private next: number;

  constructor(
    private readonly range: { first: number; last: number },
    private readonly probe: (port: number) => Promise<boolean> = isPortFree,
  ) {
    this.next = range.first;
  }

  allocate(inUse: Iterable<number>): Promise<number> {
    const run = this.queue.then(() => this.find(new Set(inUse)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  release(port: number): void {
    this.reserved.delete(port);
  }

  private async find(inUse: Set<number>): Promise<number> {
    const size = this.range.last - this.range.first + 1;
    for (let i = 0; i < size; i++) {
      const port = this.next;
      this.next = port === this.range.last ? this.range.first : port + 1;
      if (inUse.has(port) || this.reserved.has(port)) continue;
      if (await this.probe(port)) {
        this.reserved.add(port);
        return port;
      }
    }
    throw new Error(`no free port left in ${this.range.first}-${this.range.last}`);
  }
}
