// Bundled and run by tools/bench/loadgen.mjs (esbuild, the workspace's tsconfig paths).
import { spawn } from 'node:child_process';
import { poisson, runLoad } from '@strato/loadgen';

const SERVER = `
const http = require('http');
const server = http.createServer((req, res) => res.end('ok'));
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

interface Row {
  rate: number;
  intended: number;
  achieved: number;
  ratio: number;
  dropped: number;
  failed: number;
  lagP99: number;
  p50: number;
  p99: number;
}

async function main(): Promise<void> {
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 10);
  const server = spawn(process.execPath, ['-e', SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const port = await new Promise<number>((resolve) =>
    server.stdout?.once('data', (d) => resolve(Number(String(d)))),
  );
  const url = `http://127.0.0.1:${port}/`;
  const measure = async (rate: number, durationMs: number): Promise<Row> => {
    const r = await runLoad({
      target: url,
      schedule: poisson(rate, 7),
      durationMs,
      timeoutMs: 5000,
      progressIntervalMs: 60_000,
    });
    return {
      rate,
      intended: r.intendedRatePerSecond,
      achieved: r.achievedRatePerSecond,
      ratio: r.achievedRatePerSecond / r.intendedRatePerSecond,
      dropped: r.dropped,
      failed: r.failed,
      lagP99: r.sendLag.p99Ms,
      p50: r.latency.p50Ms,
      p99: r.latency.p99Ms,
    };
  };
  const held = (row: Row) => row.ratio >= 0.99 && row.dropped === 0 && row.failed === 0 && row.lagP99 <= 10;
  const rows: Row[] = [];
  for (const rate of [1000, 5000]) rows.push(await measure(rate, seconds * 1000));
  let limit = 0;
  for (const rate of [2000, 3000, 4000, 5000, 7500, 10_000, 15_000]) {
    const row = await measure(rate, 5000);
    rows.push(row);
    if (!held(row)) break;
    limit = rate;
  }
  process.kill(-(server.pid as number), 'SIGTERM');
  console.log(
    '| Poisson rate | run | intended/s | achieved/s | achieved / intended | dropped | failed | send lag p99 | latency p50 / p99 | held |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  rows.forEach((r, i) =>
    console.log(
      `| ${r.rate} | ${i < 2 ? `${seconds} s` : '5 s'} | ${r.intended.toFixed(1)} | ${r.achieved.toFixed(1)} | ${(r.ratio * 100).toFixed(2)} % | ${r.dropped} | ${r.failed} | ${r.lagP99.toFixed(2)} ms | ${r.p50.toFixed(2)} / ${r.p99.toFixed(2)} ms | ${held(r) ? 'yes' : 'no'} |`,
    ),
  );
  console.log(
    `\nthe generator's own limit here: held ${limit} req/s; the next step up was not held (within 1 %, no drop, send lag p99 <= 10 ms)`,
  );
}

void main();
