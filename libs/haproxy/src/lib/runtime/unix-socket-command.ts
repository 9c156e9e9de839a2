import { createConnection } from 'node:net';
import { HaproxySocketError } from '../errors';

/**
 * Sends one command on a fresh connection and resolves with everything haproxy writes before it closes
 * the socket. Non-interactive CLI sessions (no `prompt`) end after one command, so end-of-stream is the
 * only reliable end-of-reply marker: replies may be empty or contain blank lines.
 */
export function sendUnixSocketCommand(
  socketPath: string,
  command: string,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = createConnection(socketPath);
    const fail = (error: Error): void => {
      socket.destroy();
      reject(new HaproxySocketError(socketPath, command, error));
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no complete reply within ${timeoutMs} ms`)));
    socket.on('connect', () => socket.end(`${command}\n`));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', fail);
    socket.on('close', (hadError) => {
      if (!hadError) resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
