import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessLogEntry } from '@strato/haproxy';
import { HaproxyAccessLog } from './haproxy-access-log';
import { waitUntil } from './wait-until';

describe('HaproxyAccessLog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strato-access-log-'));
  // A work dir haproxy has not created yet, as on a first start.
  const portFile = join(dir, 'haproxy', 'access-log.port');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const send = (port: number, line: string) =>
    new Promise<void>((resolve) => {
      const socket = createSocket('udp4');
      socket.send(line, port, '127.0.0.1', () => {
        socket.close();
        resolve();
      });
    });

  it('receives access-log datagrams on loopback and keeps its port for the next manager', async () => {
    const entries: AccessLogEntry[] = [];
    const first = new HaproxyAccessLog('127.0.0.1', portFile, (entry) => entries.push(entry));
    const port = await first.open();
    expect(readFileSync(portFile, 'utf8')).toBe(`${port}\n`);
    await send(port, 'be_light n1 16 200\n');
    await send(port, 'garbage');
    await send(port, 'be_light <NOSRV> 0 503');
    expect(await waitUntil(() => entries.length === 1, { timeoutMs: 2000 })).toBe(true);
    expect(entries).toEqual([{ pod: 'light', server: 'n1', totalMs: 16, status: 200 }]);
    first.close();

    const second = new HaproxyAccessLog('127.0.0.1', portFile, () => undefined);
    expect(await second.open()).toBe(port);
    second.close();
  });

  it('takes another port when the kept one is busy', async () => {
    const squatter = new HaproxyAccessLog('127.0.0.1', join(dir, 'other.port'), () => undefined);
    const taken = await squatter.open();
    const log = new HaproxyAccessLog('127.0.0.1', join(dir, 'other.port'), () => undefined);
    const port = await log.open();
    expect(port).not.toBe(taken);
    expect(port).toBeGreaterThan(0);
    squatter.close();
    log.close();
  });
});
