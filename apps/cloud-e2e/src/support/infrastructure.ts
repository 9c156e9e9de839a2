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

export const dockerPost = <T>(path: string) => dockerApi<T>(path, 'POST');
