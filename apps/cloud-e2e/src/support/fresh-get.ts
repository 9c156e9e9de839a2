import { get } from 'node:http';

/**
 * GET on a new connection, as a new client would. HAProxy applies a structural change (pause, algorithm)
 * with a hitless reload: the old worker answers one more request on each keep-alive connection it holds.
 */
export function freshGet(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    }).on('error', reject);
  });
}
