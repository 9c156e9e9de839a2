import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openCloudStream, type CloudStreamHandle, type StreamFrame, type StreamState } from './cloud-stream';

interface Seen {
  frames: StreamFrame[];
  states: string[];
}

const event = (id: number) => ({
  id,
  at: '2026-12-02T10:00:00.000Z',
  type: 'PodChanged',
  pod: 'light',
  node: null,
  message: `e${id}`,
});

/** A stand-in manager: the first connection sends two events and drops; later ones answer per `next`. */
async function fakeManager(
  answer: (req: IncomingMessage, res: ServerResponse, connection: number) => void,
): Promise<{ url: string; server: Server; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    answer(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

function sse(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(`retry: 50\n\n${text}`);
}

const frames = (from: number, to: number) =>
  `id: ${to}\nevent: events\ndata: ${JSON.stringify({ lastEventId: to, events: [from, to].map(event) })}\n\n`;

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('openCloudStream', () => {
  let manager: Awaited<ReturnType<typeof fakeManager>> | undefined;
  let stream: CloudStreamHandle | undefined;
  afterEach(async () => {
    stream?.close();
    manager?.server.closeAllConnections();
    await new Promise((resolve) => manager?.server.close(resolve));
  });

  const follow = (
    options: { since?: number; pod?: string; token?: string; metrics?: boolean } = {},
  ): Seen => {
    const seen: Seen = { frames: [], states: [] };
    stream = openCloudStream({
      baseUrl: manager?.url ?? '',
      token: options.token ?? 'secret-token',
      since: options.since,
      pod: options.pod,
      metrics: options.metrics,
      onFrame: (frame) => seen.frames.push(frame),
      onState: (state: StreamState) => seen.states.push(state.state),
    });
    return seen;
  };

  it('sends the token and the resume point, reads typed frames, and says it is live', async () => {
    manager = await fakeManager((_req, res) =>
      sse(res, `event: hello\ndata: {"lastEventId":3,"at":"now"}\n\n${frames(4, 5)}`),
    );
    const seen = follow({ since: 3, pod: 'light' });
    await until(() => seen.frames.length === 2);

    const [req] = manager.requests;
    expect(req.url).toBe('/api/v1/stream?since=3&pod=light');
    expect(req.headers['authorization']).toBe('Bearer secret-token');
    expect(seen.frames).toEqual([
      { kind: 'hello', lastEventId: 3, at: 'now' },
      { kind: 'events', lastEventId: 5, events: [event(4), event(5)] },
    ]);
    expect(seen.states).toEqual(['connecting', 'live']);
  });

  it('asks for metrics frames with metrics: true, hands them over typed, and resumes from the last event, not from them', async () => {
    const sample = {
      at: 'then',
      pod: 'light',
      requestRate: 12.5,
      latencyP50Ms: 8,
      latencyP99Ms: null,
      queue: 0,
      sessions: 1,
      http5xxRate: 0,
      nodes: { ready: 1, total: 1 },
      desiredNodes: null,
      cpuPercent: 40,
    };
    const metrics = `event: metrics\ndata: ${JSON.stringify({ at: 'then', pods: [sample] })}\n\n`;
    manager = await fakeManager((_req, res, connection) => {
      if (connection === 1) {
        sse(res, frames(4, 5) + metrics);
        setTimeout(() => res.destroy(), 30);
      } else {
        sse(res, metrics);
      }
    });
    const seen = follow({ since: 3, metrics: true });
    await until(() => seen.frames.length === 3);

    expect(manager.requests.map((r) => r.url)).toEqual([
      '/api/v1/stream?since=3&metrics=true',
      '/api/v1/stream?since=3&metrics=true',
    ]);
    expect(manager.requests[1].headers['last-event-id']).toBe('5');
    expect(seen.frames.slice(1)).toEqual([
      { kind: 'metrics', at: 'then', pods: [sample] },
      { kind: 'metrics', at: 'then', pods: [sample] },
    ]);
  });

  it('does not ask for metrics frames unless told to', async () => {
    manager = await fakeManager((_req, res) => sse(res, frames(1, 2)));
    const seen = follow({ metrics: false });
    await until(() => seen.frames.length === 1);
    expect(manager.requests[0].url).toBe('/api/v1/stream');
  });

  it('reconnects by itself after a drop and resumes from the last frame it got (Last-Event-ID)', async () => {
    manager = await fakeManager((_req, res, connection) => {
      if (connection === 1) {
        sse(res, frames(4, 5));
        setTimeout(() => res.destroy(), 30);
      } else {
        sse(res, frames(6, 7));
      }
    });
    const seen = follow({ since: 3 });
    await until(() => seen.frames.length === 2);

    expect(manager.requests[1].headers['last-event-id']).toBe('5');
    expect(manager.requests[1].headers['authorization']).toBe('Bearer secret-token');
    expect(seen.frames.flatMap((f) => (f.kind === 'events' ? f.events.map((e) => e.id) : []))).toEqual([
      4, 5, 6, 7,
    ]);
    expect(seen.states).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  });

  it('keeps trying while the manager is down, and is live again when it is back', async () => {
    // Up, then down for two tries (no answer at all), then up again: retry is the manager's 50 ms.
    manager = await fakeManager((_req, res, connection) => {
      if (connection === 1) {
        sse(res, frames(1, 2));
        setTimeout(() => res.destroy(), 30);
      } else if (connection < 4) res.destroy();
      else sse(res, frames(3, 4));
    });
    const seen = follow();
    await until(() => seen.frames.length === 2);

    expect(manager.requests.length).toBe(4);
    expect(manager.requests[3].headers['last-event-id']).toBe('2');
    expect(seen.states).toEqual([
      'connecting',
      'live',
      'reconnecting',
      'reconnecting',
      'reconnecting',
      'live',
    ]);
  });

  it('gives up on a 401, saying so, without retrying', async () => {
    manager = await fakeManager((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"statusCode":401,"message":"owner token required"}');
    });
    const seen = follow({ token: 'wrong' });
    await until(() => seen.states.includes('closed'));
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(manager.requests).toHaveLength(1);
    expect(seen.frames).toEqual([]);
  });
});
