import { type AccessLogEntry, parseAccessLogLine } from '@strato/haproxy';
import { createSocket, type Socket } from 'node:dgram';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Receives haproxy's access log (one raw syslog datagram per request) on a loopback UDP port. The port is
 * kept in a file so a restarted manager binds the same one and the running haproxy's config stays current.
 */
export class HaproxyAccessLog {
  private socket: Socket | null = null;

  constructor(
    private readonly host: string,
    private readonly portFile: string,
    private readonly onEntry: (entry: AccessLogEntry) => void,
  ) {}

  get port(): number {
    return this.socket?.address().port ?? 0;
  }

  async open(): Promise<number> {
    if (this.socket) return this.port;
    const kept = Number((await readFile(this.portFile, 'utf8').catch(() => '')).trim());
    const socket = await this.bind(Number.isInteger(kept) && kept > 0 ? kept : 0).catch(() => this.bind(0));
    socket.on('message', (datagram) => {
      const entry = parseAccessLogLine(datagram.toString('latin1'));
      if (entry) this.onEntry(entry);
    });
    this.socket = socket;
    await mkdir(dirname(this.portFile), { recursive: true });
    await writeFile(this.portFile, `${this.port}\n`);
    return this.port;
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }

  private bind(port: number): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = createSocket('udp4');
      socket.once('error', (error) => {
        socket.close();
        reject(error);
      });
      socket.bind(port, this.host, () => {
        socket.removeAllListeners('error');
        // A malformed datagram or a transient socket error must not crash the manager.
        socket.on('error', () => undefined);
        resolve(socket);
      });
    });
  }
}
