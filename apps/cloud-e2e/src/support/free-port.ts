import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A block of node ports unlikely to collide with another suite running at the same time. */
export function nodePortRange(): string {
  const first = 21000 + Math.floor(Math.random() * 80) * 100;
  return `${first}-${first + 99}`;
}
