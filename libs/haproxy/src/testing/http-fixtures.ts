import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';

export interface TestNode {
  name: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A tiny job server on 127.0.0.1: `/health` answers ok, anything else its name after `delayMs`. A request
 * may ask for its own delay and status: `?delay=<ms>&status=<code>`, and `?echo=<header>` appends that
 * request header's value to the name (`s1 heavy`). `port` 0 picks a free one.
 */
export async function startTestNode(name: string, delayMs = 0, port = 0): Promise<TestNode> {
  const server: Server = createHttpServer((req, res) => {
    const query = (key: string): string | undefined =>
      new RegExp(`[?&]${key}=(\\d+)`).exec(req.url ?? '')?.[1];
    const echo = /[?&]echo=([a-z-]+)/.exec(req.url ?? '')?.[1];
    const body = echo ? `${name} ${String(req.headers[echo])}` : name;
    const answer = (): void => void res.writeHead(Number(query('status') ?? 200)).end(body);
    if (req.url === '/health') return void res.end('ok');
    const delay = Number(query('delay') ?? delayMs);
    if (delay > 0) setTimeout(answer, delay);
    else answer();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    name,
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was free a moment ago (haproxy has to bind it itself). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface TestResponse {
  status: number;
  contentType: string;
  body: string;
  /** The `Retry-After` header, when sent. */
  retryAfter?: string;
}

/** One GET on a fresh connection (no agent), so every request is balanced on its own. */
export function httpGet(url: string, timeoutMs = 10_000): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const retryAfter = res.headers['retry-after'];
        const contentType = String(res.headers['content-type']);
        resolve({ status: res.statusCode ?? 0, contentType, body, ...(retryAfter ? { retryAfter } : {}) });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}
