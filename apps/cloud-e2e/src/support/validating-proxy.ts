import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenApiResponseValidator } from './openapi-response-validator';

export interface ValidatingProxy {
  /** Where to send API calls instead of the manager: http://127.0.0.1:PORT. */
  url: string;
  /** Fails naming every response since the last call that broke the document: method, path, status, why. */
  assertResponsesKeptTheDocument(): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host']);

const endToEnd = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));

/**
 * A loopback proxy in front of the manager that checks every response against the manager's own
 * OpenAPI document (read from it at start) and passes it on unchanged. The CLI and the generated client
 * both go through it, so every answer a suite gets is checked.
 */
export async function startValidatingProxy(managerUrl: string): Promise<ValidatingProxy> {
  const target = new URL(managerUrl);
  const validator = new OpenApiResponseValidator(await (await fetch(`${managerUrl}/api/docs-json`)).json());
  const problems: string[] = [];

  const server = createServer((incoming, outgoing) => {
    const { method = 'GET', url = '/' } = incoming;
    const upstream = request(
      // A connection of its own per request: a pooled one may be to a manager killed since.
      {
        host: target.hostname,
        port: target.port,
        method,
        path: url,
        headers: endToEnd(incoming.headers),
        agent: false,
      },
      (answer) => {
        if (String(answer.headers['content-type']).startsWith('text/event-stream')) {
          // A stream never ends by itself: its status and type are checked, its frames passed on as they come.
          const status = answer.statusCode ?? 0;
          const problem = validator.problemWith({
            method,
            url,
            status,
            contentType: answer.headers['content-type'],
            body: Buffer.alloc(0),
          });
          if (problem) problems.push(`${method} ${url} → ${status}: ${problem}`);
          outgoing.writeHead(status, endToEnd(answer.headers));
          outgoing.flushHeaders();
          answer.pipe(outgoing);
          outgoing.on('close', () => answer.destroy());
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const status = answer.statusCode ?? 0;
          const contentType = answer.headers['content-type'];
          let problem: string | undefined;
          try {
            problem = validator.problemWith({ method, url, status, contentType, body });
          } catch (error) {
            problem = `the document cannot check it: ${(error as Error).message}`;
          }
          if (problem) problems.push(`${method} ${url} → ${status}: ${problem}`);
          outgoing.writeHead(status, { ...endToEnd(answer.headers), 'content-length': body.length });
          outgoing.end(body);
        });
      },
    );
    upstream.on('error', (error) => {
      problems.push(`${method} ${url}: no answer from the manager (${error.message})`);
      if (outgoing.headersSent) outgoing.destroy();
      else
        outgoing.writeHead(502, { 'content-type': 'text/plain' }).end(`validating proxy: ${error.message}`);
    });
    incoming.pipe(upstream);
  });
  // A client that gives up (Ctrl-C of `cloud node logs -f`) must not take the proxy down.
  server.on('clientError', (_, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    assertResponsesKeptTheDocument() {
      const found = problems.splice(0);
      if (found.length > 0) {
        throw new Error(`${found.length} response(s) broke the OpenAPI document:\n${found.join('\n')}`);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
