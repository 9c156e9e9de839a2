import { type AccessLogEntry, parseAccessLogLine } from '@strato/haproxy';
import { connect, type Socket } from 'node:net';

const RECONNECT_MS = 250;

/**
 * Follows haproxy's access-log ring (`show events <ring> -w -n` on the admin socket): one line per
 * request, read in large chunks from one stream, so timing every request costs the manager little.
 * Each worker has its own ring: after a reload or restart, `follow()` again to read the new worker's.
 */
export class HaproxyAccessLog {
  private socket: Socket | null = null;
  private following = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly adminSocketPath: string,
    private readonly ring: string,
    private readonly onEntry: (entry: AccessLogEntry) => void,
  ) {}

  /** (Re)connects to the current worker's ring; keeps retrying while haproxy is not there. */
  follow(): void {
    this.following = true;
    this.dropConnection();
    const socket = connect(this.adminSocketPath);
    this.socket = socket;
    let partial = '';
    socket.setEncoding('latin1');
    socket.on('connect', () => socket.write(`show events ${this.ring} -w -n\n`));
    socket.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const entry = parseAccessLogLine(line);
        if (entry) this.onEntry(entry);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.socket !== socket || !this.following) return;
      this.socket = null;
      this.retry = setTimeout(() => this.following && this.follow(), RECONNECT_MS);
    });
  }

  stop(): void {
    this.following = false;
    this.dropConnection();
  }

  private dropConnection(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const socket = this.socket;
    this.socket = null;
    socket?.destroy();
  }
}
