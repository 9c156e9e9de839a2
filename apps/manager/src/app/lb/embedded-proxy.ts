import { request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { EmbeddedServer } from './embedded-pool';
import { badGatewayBody, gatewayTimeoutBody } from '@strato/contracts';

export interface ForwardOptions {
  /** The pod being balanced, named in the answer when no server can take the request. */
  pod: string;
  serverTimeoutMs: number;
  /** Further servers to try when a connection fails (HAProxy `retries 2` + `option redispatch`). */
  retries: number;
  /** Set on the request to the node, replacing any the client sent (the pod's job). */
  setHeaders: Readonly<Record<string, string>>;
  /** A node's slot is free again (the request is done with it): the pool's queue may move. */
  onRelease: () => void;
}

type Choose = (exclude: ReadonlySet<string>) => EmbeddedServer | null;

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Forwards one request to a chosen server and streams the answer back, counting it as in flight meanwhile. */
export function forwardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  first: EmbeddedServer,
  choose: Choose,
  options: ForwardOptions,
): void {
  attempt(req, res, first, choose, options, new Set(), options.retries);
}

function attempt(
  req: IncomingMessage,
  res: ServerResponse,
  target: EmbeddedServer,
  choose: Choose,
  options: ForwardOptions,
  tried: Set<string>,
  retriesLeft: number,
): void {
  const { host, port, nodeId } = target.server;
  target.inFlight += 1;
  target.stats.requestStarted();
  const startedAt = Date.now();
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    target.inFlight -= 1;
    options.onRelease();
  };
  const upstream = request({
    host,
    port,
    method: req.method,
    path: req.url,
    headers: { ...forwardHeaders(req), ...options.setHeaders },
    agent: target.agent,
  });
  let upstreamResponse: IncomingMessage | null = null;
  upstream.setTimeout(options.serverTimeoutMs, () => upstream.destroy(new UpstreamTimeout()));
  res.once('close', () => {
    release();
    if (!upstreamResponse?.complete) upstream.destroy();
  });
  upstream.on('response', (answer) => {
    upstreamResponse = answer;
    target.stats.responded(answer.statusCode ?? 502, Date.now() - startedAt);
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, withoutHopByHop(answer.headers));
    answer.pipe(res);
  });
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    release();
    if (res.headersSent || res.destroyed) return void res.destroy();
    // As HAProxy's `retry-on conn-failure empty-response`: a refused connection, or a node that closed
    // without answering (killed mid-request, or a keep-alive socket it had just closed: `socket hang up`,
    // ECONNRESET). Only bodyless requests (job GETs), which can safely run again elsewhere.
    const retryable = RETRYABLE.has(error.code ?? '') && upstreamResponse === null;
    if (retryable && retriesLeft > 0 && isBodyless(req)) {
      tried.add(nodeId);
      const next = choose(tried) ?? target;
      return attempt(req, res, next, choose, options, tried, retriesLeft - 1);
    }
    target.stats.failed();
    const timeout = error instanceof UpstreamTimeout;
    const body = timeout
      ? gatewayTimeoutBody(`node ${nodeId} did not answer within ${options.serverTimeoutMs} ms`)
      : badGatewayBody(`node ${nodeId} failed: ${error.code ?? error.message}`);
    answerJson(res, timeout ? 504 : 502, body);
  });
  if (isBodyless(req)) upstream.end();
  else req.pipe(upstream);
}

function answerJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(body);
}

class UpstreamTimeout extends Error {}

const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

function isBodyless(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] === undefined && (req.headers['content-length'] ?? '0') === '0';
}

function forwardHeaders(req: IncomingMessage): IncomingHttpHeaders {
  const headers = withoutHopByHop(req.headers);
  const client = req.socket.remoteAddress ?? '';
  const prior = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${prior}, ${client}` : client;
  return headers;
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}
