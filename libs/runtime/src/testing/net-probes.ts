import { get } from 'node:http';
import { connect, createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}

export interface HttpReply {
  status: number;
  body: string;
}

export function httpGet(
  port: number,
  path: string,
  timeoutMs = 2_000,
  host = '127.0.0.1',
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const request = get({ host, port, path, agent: false, timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${path} on port ${port} timed out`)));
    request.on('error', reject);
  });
}

/** Polls GET /health until it answers 200; returns the reply and how long it took. */
export async function waitForHealth(
  port: number,
  timeoutMs = 15_000,
  host = '127.0.0.1',
): Promise<HttpReply & { elapsedMs: number }> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const reply = await httpGet(port, '/health', 2_000, host);
      if (reply.status === 200) return { ...reply, elapsedMs: Date.now() - started };
      lastError = new Error(`status ${reply.status}`);
    } catch (error) {
      lastError = error;
    }
    await sleep(10);
  }
  throw new Error(`port ${port}: /health not 200 within ${timeoutMs} ms (last: ${String(lastError)})`);
}

export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until fn() holds; false if it never did within timeoutMs. */
export async function eventually(fn: () => Promise<boolean>, timeoutMs = 3_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  do {
    if (await fn()) return true;
    await sleep(20);
  } while (Date.now() < deadline);
  return false;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
