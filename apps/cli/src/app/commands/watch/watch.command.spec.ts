import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CapturedOutput, captureOutput } from '../../../testing/captured-output';
import { cloudEvent, sample } from '../../../testing/stream-samples';
import { runCli } from '../../program';

interface StandIn {
  url: string;
  server: Server;
  streams: IncomingMessage[];
  podStates: Record<string, string>;
}

const WRONG_TOKEN = { statusCode: 401, message: 'wrong owner token; use the owner token' };

/** A stand-in manager on 127.0.0.1: GET /api/v1/pods from `podStates`, the stream as `stream` writes it. */
async function standIn(
  stream: (res: ServerResponse, connection: number, podStates: Record<string, string>) => void,
  refuse: { pods?: boolean } = {},
): Promise<StandIn> {
  const podStates: Record<string, string> = { light: 'running' };
  const streams: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/api/v1/pods') {
      res.writeHead(refuse.pods ? 401 : 200, { 'content-type': 'application/json' });
      const pods = Object.entries(podStates).map(([name, state]) => ({ name, state }));
      res.end(JSON.stringify(refuse.pods ? WRONG_TOKEN : pods));
    } else {
      streams.push(req);
      stream(res, streams.length, podStates);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, streams, podStates };
}

function sse(res: ServerResponse, frames: string[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(`retry: 50\n\n${frames.join('')}`);
}

const frame = (kind: string, data: unknown, id?: number) =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${kind}\ndata: ${JSON.stringify(data)}\n\n`;
const hello = frame('hello', { lastEventId: 3, at: '2026-12-02T10:00:00.000Z' });
const metrics = (requestRate: number) =>
  frame('metrics', { at: '2026-12-02T10:00:01.000Z', pods: [sample({ requestRate })] });
const events = (...list: ReturnType<typeof cloudEvent>[]) =>
  frame('events', { lastEventId: list.at(-1)?.id, events: list }, list.at(-1)?.id);

/** Captures the output and presses Ctrl-C (a SIGINT to the listeners) once `done` holds for it. */
function interruptWhen(done: (output: CapturedOutput) => boolean): CapturedOutput {
  const output = captureOutput();
  let pressed = false;
  const check = () => {
    if (!pressed && done(output)) {
      pressed = true;
      process.emit('SIGINT');
    }
  };
  return {
    ...output,
    out: (text) => (output.out(text), check()),
    err: (text) => (output.err(text), check()),
  };
}

const lastScreen = (output: CapturedOutput) => output.stdout.at(-1) ?? '';
const lineOf = (screen: string, text: string) => screen.split('\n').find((line) => line.includes(text));

describe('cloud watch', () => {
  let manager: StandIn | undefined;
  afterEach(async () => {
    const server = manager?.server;
    manager = undefined;
    server?.closeAllConnections();
    if (server) await new Promise((resolve) => server.close(resolve));
  });
  const run = (args: string[], output: CapturedOutput, token = 't') =>
    runCli(['watch', ...args, '--url', manager?.url ?? '', '--token', token], output);

  it("draws each metrics frame, lists the events under it, reads the pods' states again after a pod event; Ctrl-C ends it with 0", async () => {
    manager = await standIn((res, _connection, podStates) => {
      sse(res, [hello, metrics(7)]);
      setTimeout(() => {
        podStates['light'] = 'paused';
        res.write(
          events(cloudEvent(4, { type: 'PodPaused', node: null, message: 'pod light paused' })) +
            metrics(9.5),
        );
      }, 20);
    });
    const output = interruptWhen(
      (o) => /light\s+│\s+paused/.test(lastScreen(o)) && lastScreen(o).includes('9.5'),
    );
    expect(await run([], output)).toBe(0);

    const screen = lastScreen(output);
    expect(lineOf(screen, '│ light ')).toMatch(
      /light\s+│\s+paused\s+│\s+2\/2\s+│\s+9\.5\s+│\s+8\.3\/130\s+│/,
    );
    expect(lineOf(screen, 'PodPaused')).toMatch(
      /10:00:04\s+│\s+PodPaused\s+│\s+light\s+│\s+-\s+│\s+pod light paused/,
    );
    expect(screen.split('\n').at(-1)).toMatch(/^live · last frame \d\d:\d\d:\d\d UTC/);
    expect(output.stdout.some((s) => /light\s+│\s+running\s+│\s+2\/2\s+│\s+7\.0/.test(s))).toBe(true);
    expect(output.stderr).toEqual([]);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('says reconnecting on its status line while the stream is down, and live again when it is back', async () => {
    manager = await standIn((res, connection) => {
      sse(res, [hello, metrics(connection)]);
      if (connection === 1) setTimeout(() => res.destroy(), 20);
    });
    const output = interruptWhen((o) => /^live/m.test(lastScreen(o)) && lastScreen(o).includes('│ 2.0 '));
    expect(await run([], output)).toBe(0);
    const statusLines = output.stdout.map((screen) => screen.split('\n').at(-1) ?? '');
    const reconnecting = statusLines.findIndex((line) => line.startsWith('reconnecting ('));
    expect(reconnecting).toBeGreaterThan(0);
    expect(statusLines.slice(reconnecting).some((line) => line.startsWith('live · '))).toBe(true);
    expect(manager.streams).toHaveLength(2);
  });

  it('with --json prints every frame as one JSON line, for the pod given (its alias resolved by the manager)', async () => {
    manager = await standIn((res) => sse(res, [hello, events(cloudEvent(4)), metrics(3)]));
    const output = interruptWhen((o) => o.stdout.some((line) => line.includes('"kind":"metrics"')));
    expect(await run(['0', '--json'], output, 'secret-token')).toBe(0);

    const lines = output.stdout.map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { kind: 'hello', lastEventId: 3, at: '2026-12-02T10:00:00.000Z' },
      { kind: 'events', lastEventId: 4, events: [cloudEvent(4)] },
      { kind: 'metrics', at: '2026-12-02T10:00:01.000Z', pods: [sample({ requestRate: 3 })] },
    ]);
    expect(manager.streams[0].url).toBe('/api/v1/stream?pod=0&metrics=true');
    expect(manager.streams[0].headers['authorization']).toBe('Bearer secret-token');
  });

  it('stops by itself after --for seconds, closing the stream, with exit code 0', async () => {
    let closed: Promise<unknown> = Promise.resolve();
    manager = await standIn((res) => {
      closed = new Promise((resolve) => res.on('close', resolve));
      sse(res, [hello]);
    });
    const output = { ...captureOutput(), terminal: { columns: 100, rows: 30 } };
    expect(await run(['--for', '0.3'], output)).toBe(0);
    await closed;
    expect(manager.streams).toHaveLength(1);
    expect(output.stdout[0]).toContain('waiting for the first metrics frame…');
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it.each([['0'], ['-2'], ['soon']])('refuses --for %s, saying what it takes', async (seconds) => {
    const output = captureOutput();
    expect(await runCli(['watch', '--for', seconds], output)).toBe(2);
    expect(output.stderr[0]).toContain('must be a number of seconds above 0');
  });

  it('on a wrong token exits 1 with the message and advice every other command gives', async () => {
    manager = await standIn((res) => sse(res, [hello]), { pods: true });
    const watch = captureOutput();
    expect(await run([], watch, 'wrong')).toBe(1);
    const podLs = captureOutput();
    await runCli(['pod', 'ls', '--url', manager.url, '--token', 'wrong'], podLs);
    expect(watch.stderr).toEqual([
      'error: wrong owner token; use the owner token\nset STRATO_TOKEN or pass --token',
    ]);
    expect(watch.stderr).toEqual(podLs.stderr);
    expect(manager.streams).toHaveLength(0);
  });

  it('when the stream itself refuses the token, stops without retrying and exits 1 with the same advice', async () => {
    manager = await standIn((res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(WRONG_TOKEN));
    });
    const output = captureOutput();
    expect(await run([], output)).toBe(1);
    expect(output.stderr.at(-1)).toMatch(/^error: .*401.*\nset STRATO_TOKEN or pass --token$/s);
    expect(manager.streams).toHaveLength(1);
  });

  it('exits 3 saying the manager cannot be reached, as other commands do', async () => {
    const gone = await standIn(() => undefined);
    const url = gone.url;
    await new Promise((resolve) => gone.server.close(resolve));
    const watch = captureOutput();
    expect(await runCli(['watch', '--url', url, '--token', 't'], watch)).toBe(3);
    expect(watch.stderr).toEqual([
      `error: cannot reach the manager at ${url} (ECONNREFUSED); is it running? (npm start)`,
    ]);
  });
});
