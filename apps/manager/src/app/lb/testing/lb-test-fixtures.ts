import { Agent, request } from 'node:http';
import { httpGet } from '@strato/haproxy/testing';

export { freePort, httpGet, startTestNode, type TestNode } from '@strato/haproxy/testing';

/** `total` GETs over `concurrency` keep-alive connections; counts answers by status (`error` for failures). */
export async function keepAliveLoad(
  url: string,
  total: number,
  concurrency: number,
): Promise<Record<string, number>> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const counts: Record<string, number> = {};
  const count = (key: string): void => void (counts[key] = (counts[key] ?? 0) + 1);
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (sent < total) {
      sent += 1;
      await new Promise<void>((resolve) => {
        const req = request(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(count(String(res.statusCode))));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve(count(`error ${error.code}`)));
        req.end();
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return counts;
}

/** How many of `total` sequential GETs (each on a fresh connection) each node answered, by body. */
export async function countBodies(url: string, total: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < total; i++) {
    const { status, body } = await httpGet(url);
    const key = status === 200 ? body : `status ${status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
