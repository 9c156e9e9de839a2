import { swarmSocketPath } from '@strato/test-infrastructure';
import { request } from 'node:http';

/** The engine a runtime's nodes run on: the swarm of tools/swarm-daemon.sh, or the default engine. */
export function engineSocket(runtime: 'docker' | 'process' | 'swarm'): string {
  return runtime === 'swarm' ? swarmSocketPath() : '/var/run/docker.sock';
}

/** A call to the Docker Engine API through its unix socket (loopback-only by construction). */
export function dockerApi<T>(
  path: string,
  method = 'GET',
  socketPath = '/var/run/docker.sock',
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // plain-text answers such as /_ping's "OK"
        }
        resolve({ status: res.statusCode ?? 0, body: body as T });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export const dockerPost = <T>(path: string) => dockerApi<T>(path, 'POST');
