import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HaproxyArgumentError, HaproxyServerBusyError, HaproxySocketError } from '../errors';
import { HaproxyRuntimeApi } from './haproxy-runtime-api';

/** A stand-in admin socket: records each connection's command, answers from a table, then closes. */
function fakeAdminSocket(path: string, replies: Record<string, string>, received: string[]): Promise<Server> {
  let active = 0;
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    active += 1;
    if (active > 1) received.push('!overlap');
    let input = '';
    socket.on('data', (chunk) => {
      input += chunk.toString();
      if (!input.endsWith('\n')) return;
      const command = input.trim();
      received.push(command);
      setTimeout(() => {
        active -= 1;
        socket.end(replies[command] ?? 'Unknown command.\n');
      }, 5);
    });
  });
  return new Promise((resolve) => server.listen(path, () => resolve(server)));
}

describe('HaproxyRuntimeApi', () => {
  let dir: string;
  let server: Server;
  const received: string[] = [];
  const add =
    'add server be_light/n1 127.0.0.1:9001 weight 2 check inter 1s fastinter 250ms fall 2 rise 2 pool-max-conn -1 pool-purge-delay 5s';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'strato-rt-'));
    server = await fakeAdminSocket(
      join(dir, 'admin.sock'),
      {
        [add]: 'New server registered.\n\n',
        'enable health be_light/n1': '\n',
        'set server be_light/n1 state ready': '\n',
        'del server be_light/n1': 'Server still has connections attached to it, cannot remove it.\n',
        'show stat be_light 4 -1': '# pxname,svname,scur,status\nbe_light,n1,3,UP\n\n',
      },
      received,
    );
  });

  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => (received.length = 0));

  it('sends one command per connection, one at a time, with every dynamic-server parameter explicit', async () => {
    const api = new HaproxyRuntimeApi({ socketPath: join(dir, 'admin.sock') });
    await Promise.all([
      api.addServer('be_light', 'n1', { host: '127.0.0.1', port: 9001, weight: 2 }),
      api.enableHealth('be_light', 'n1'),
      api.setState('be_light', 'n1', 'ready'),
    ]);
    expect(received).toEqual([add, 'enable health be_light/n1', 'set server be_light/n1 state ready']);
  });

  it('parses show stat into typed rows', async () => {
    const api = new HaproxyRuntimeApi({ socketPath: join(dir, 'admin.sock') });
    await expect(api.showStat('be_light')).resolves.toEqual([
      expect.objectContaining({ proxy: 'be_light', name: 'n1', scur: 3, status: 'UP' }),
    ]);
  });

  it('turns a failure reply into a typed error carrying the command and reply', async () => {
    const api = new HaproxyRuntimeApi({ socketPath: join(dir, 'admin.sock') });
    await expect(api.delServer('be_light', 'n1')).rejects.toEqual(
      expect.objectContaining({ constructor: HaproxyServerBusyError, command: 'del server be_light/n1' }),
    );
  });

  it('treats an unknown reply as an error and keeps serving the queue', async () => {
    const api = new HaproxyRuntimeApi({ socketPath: join(dir, 'admin.sock') });
    await expect(api.setState('be_light', 'n2', 'drain')).rejects.toThrow('Unknown command.');
    await expect(api.enableHealth('be_light', 'n1')).resolves.toBeUndefined();
  });

  it.each([
    [
      'a name with a space',
      () => ({ backend: 'be_light', server: 'n1; del server x', host: '127.0.0.1', weight: 1 }),
    ],
    ['a hostname', () => ({ backend: 'be_light', server: 'n1', host: 'localhost', weight: 1 })],
    ['a weight over 256', () => ({ backend: 'be_light', server: 'n1', host: '127.0.0.1', weight: 300 })],
  ])('refuses %s before sending anything', async (_, args) => {
    const api = new HaproxyRuntimeApi({ socketPath: join(dir, 'admin.sock') });
    const { backend, server: name, host, weight } = args();
    await expect(api.addServer(backend, name, { host, port: 9001, weight })).rejects.toThrow(
      HaproxyArgumentError,
    );
    expect(received).toEqual([]);
  });

  it('reports a missing socket as a HaproxySocketError', async () => {
    const api = new HaproxyRuntimeApi({ socketPath: join(dir, 'missing.sock') });
    await expect(api.showStat()).rejects.toThrow(HaproxySocketError);
  });
});
