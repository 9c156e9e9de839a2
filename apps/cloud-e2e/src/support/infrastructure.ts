import { existsSync } from 'node:fs';
import { request } from 'node:http';

/** A call to the Docker Engine API through its unix socket (loopback-only by construction). */
export function dockerApi<T>(path: string, method = 'GET'): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: '/var/run/docker.sock', path, method }, (res) => {
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

export const HAPROXY_BINARY = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy', '/usr/bin/haproxy'].find((f) =>
  existsSync(f),
);

/**
 * Suites that claim Docker or HAProxy need the real thing: a missing one fails the suite with what to
 * do, it never skips (CI installs both; tools/dev-env.sh does it on a developer machine).
 */
export async function requireInfrastructure(needs: { docker?: boolean; haproxy?: boolean }): Promise<void> {
  if (needs.haproxy && !HAPROXY_BINARY) {
    throw new Error('this suite needs HAProxy: run tools/dev-env.sh (apt-get install -y haproxy)');
  }
  if (needs.docker) {
    const ping = await dockerApi<string>('/_ping').catch(() => ({ status: 0 }));
    if (ping.status !== 200)
      throw new Error('this suite needs a Docker engine: run tools/dev-env.sh (starts dockerd)');
    const image = await dockerApi<unknown>('/images/strato-node:latest/json');
    if (image.status !== 200) throw new Error('the node image is missing: run tools/build-node-image.sh');
  }
}

export const dockerPost = <T>(path: string) => dockerApi<T>(path, 'POST');
