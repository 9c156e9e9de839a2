import { Agent, request as httpRequest } from 'node:http';

/** A request sent byte for byte: node:http leaves `..` and bad percent-encodings in the path as they are. */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
}

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

function send(base: URL, agent: Agent, req: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers };
    if (req.body && req.chunked) headers['transfer-encoding'] = 'chunked';
    else if (req.body) headers['content-length'] = String(req.body.length);
    const outgoing = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers,
        agent,
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            text: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 15 s')));
    // The server may answer (413) and close before reading a large body: the answer is what counts.
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** Sends every request with at most `concurrency` in flight; a request that gets no answer yields its Error. */
export async function sendAll<T extends RawRequest>(
  baseUrl: string,
  requests: T[],
  concurrency: number,
): Promise<{ request: T; answer: RawAnswer | Error }[]> {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const results: { request: T; answer: RawAnswer | Error }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      const answer = await send(base, agent, request).catch((error: Error) => error);
      results.push({ request, answer });
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return results;
}
