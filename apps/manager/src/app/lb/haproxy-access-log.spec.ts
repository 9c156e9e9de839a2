import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessLogEntry } from '@strato/haproxy';
import { HaproxyAccessLog } from './haproxy-access-log';
import { waitUntil } from './wait-until';

/** Stands in for haproxy's admin socket: records the commands, lets the test write events. */
async function fakeAdminSocket(path: string) {
  const commands: string[] = [];
  const clients: Socket[] = [];
  const server: Server = createServer((socket) => {
    clients.push(socket);
    socket.on('data', (data) => commands.push(data.toString()));
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return { commands, clients, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('HaproxyAccessLog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strato-access-log-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const until = (check: () => boolean) => waitUntil(check, { timeoutMs: 3000 });

  it('follows the ring from its end, reads lines split across chunks, and skips what is no request', async () => {
    const path = join(dir, 'admin1.sock');
    const admin = await fakeAdminSocket(path);
    const entries: AccessLogEntry[] = [];
    const log = new HaproxyAccessLog(path, 'strato_access', (entry) => entries.push(entry));
    log.follow();
    expect(await until(() => admin.commands.length === 1)).toBe(true);
    expect(admin.commands).toEqual(['show events strato_access -w -n\n']);
    admin.clients[0].write('be_light n1 16 200 0\nbe_li');
    admin.clients[0].write('ght n2 250 200 8\nbe_light <NOSRV> 0 503 8\ngarbage\n');
    expect(await until(() => entries.length === 2)).toBe(true);
    expect(entries.map((e) => [e.server, e.totalMs, e.weight])).toEqual([
      ['n1', 16, 1],
      ['n2', 250, 8],
    ]);
    log.stop();
    await admin.close();
  });

  it('reconnects when the worker goes away, and stops for good on stop()', async () => {
    const path = join(dir, 'admin2.sock');
    const admin = await fakeAdminSocket(path);
    const entries: AccessLogEntry[] = [];
    const log = new HaproxyAccessLog(path, 'strato_access', (entry) => entries.push(entry));
    log.follow();
    expect(await until(() => admin.clients.length === 1)).toBe(true);
    admin.clients[0].destroy(); // the old worker exits after a reload
    expect(await until(() => admin.commands.length === 2)).toBe(true);
    admin.clients[1].write('be_heavy h1 900 200\n');
    expect(await until(() => entries.length === 1)).toBe(true);
    log.stop();
    expect(await until(() => admin.clients[1].destroyed || admin.clients[1].readableEnded)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(admin.clients).toHaveLength(2);
    await admin.close();
  });

  it('leaves the socket unread between reads, taking what came meanwhile in one read within maxPauseMs', async () => {
    const path = join(dir, 'admin3.sock');
    const admin = await fakeAdminSocket(path);
    const arrivals: number[] = [];
    const log = new HaproxyAccessLog(path, 'strato_access', () => arrivals.push(Date.now()), {
      maxPauseMs: 400,
    });
    log.follow();
    expect(await until(() => admin.clients.length === 1)).toBe(true);
    admin.clients[0].write('be_light n1 5 200 0\n');
    expect(await until(() => arrivals.length === 1)).toBe(true);
    const written: number[] = [];
    for (let i = 0; i < 10; i++) {
      admin.clients[0].write(`be_light n1 ${i} 200 0\n`);
      written.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await until(() => arrivals.length === 11)).toBe(true);
    const batch = arrivals.slice(1);
    // Written over 250 ms, read together once the pause ended: no line waited much more than the pause.
    expect(Math.max(...batch) - Math.min(...batch)).toBeLessThan(20);
    expect(batch[0] - written[0]).toBeLessThan(400 + 100);
    log.stop();
    await admin.close();
  });

  it('follows the ring again after a read so large that haproxy may have stopped sending', async () => {
    const path = join(dir, 'admin4.sock');
    const admin = await fakeAdminSocket(path);
    const entries: AccessLogEntry[] = [];
    const log = new HaproxyAccessLog(path, 'strato_access', (entry) => entries.push(entry), {
      refollowBytes: 1000,
    });
    log.follow();
    expect(await until(() => admin.clients.length === 1)).toBe(true);
    admin.clients[0].write('be_light n1 7 200 3\n'.repeat(100));
    expect(await until(() => admin.commands.length === 2)).toBe(true);
    expect(admin.commands[1]).toBe('show events strato_access -w -n\n');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.totalMs === 7 && e.weight === 3)).toBe(true);
    log.stop();
    await admin.close();
  });
});
