// A minimal open-loop sender for benchmarks (the product's load generator is libs/loadgen, in TypeScript):
// requests leave at a constant rate whether or not earlier ones answered; loopback only.
import { Agent, get } from 'node:http';

export function openLoop(url, ratePerSecond, onResponse) {
  if (!/^http:\/\/(127\.|localhost)/.test(url))
    throw new Error(`benchmarks send to loopback only, not ${url}`);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const started = performance.now();
  let sent = 0;
  let failed = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) * ratePerSecond) / 1000);
    for (; sent < due; sent++) {
      get(url, { agent }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => {
          if (res.statusCode !== 200) failed++;
          else onResponse?.(JSON.parse(body));
        });
      }).on('error', () => failed++);
    }
  }, 2);
  return {
    stop() {
      clearInterval(timer);
      agent.destroy();
      return { sent, failed };
    },
  };
}
