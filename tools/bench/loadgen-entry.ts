// Bundled and run by tools/bench/loadgen.mjs (esbuild, the workspace's tsconfig paths).
// With BENCH_ONE=rate,seconds,url,warmUp it is a fresh generator process that runs once and prints a JSON row.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { poisson, runLoad } from '@strato/loadgen';

const SERVER = `
const http = require('http');
const server = http.createServer((req, res) => res.end('ok'));
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

interface Row {
  rate: number;
  run: string;
  intended: number;
  achieved: number;
  ratio: number;
  dropped: number;
  failed: number;
  lagP99: number;
  p50: number;
  p99: number;
  /** Time the generator warmed up its own code before the clock (a fast start in a cold process). */
  warmUpMs: number;
  /** CPU used by other processes on the machine during the row, % of one core (null off Linux). */
  otherCpu: number | null;
}

/** CPU ticks (1/100 s) of the whole machine and of the given pids, from /proc; null where there is none. */
function cpuTicks(pids: number[]): { machine: number; ours: number } | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    const ours = pids.reduce((sum, pid) => {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return sum + Number(stat[11]) + Number(stat[12]);
    }, 0);
    return { machine: user + nice + system + irq + softirq + steal, ours };
  } catch {
    return null;
  }
}

async function measure(
  rate: number,
  durationMs: number,
  url: string,
  warmUp = true,
): Promise<Omit<Row, 'run' | 'otherCpu'>> {
  const r = await runLoad({
    warmUp,
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
    warmUpMs: r.warmUpMs ?? 0,
  };
}

type Measured = Omit<Row, 'run' | 'otherCpu'> & { processCpuTicks?: number };

/** One run in a new generator process: nothing in it is warm but the server it loads. */
function measureInFreshProcess(rate: number, seconds: number, url: string, warmUp = true): Promise<Measured> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [process.argv[1]],
      { env: { ...process.env, BENCH_ONE: `${rate},${seconds},${url},${warmUp}` } },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
    ),
  );
}

async function main(): Promise<void> {
  const one = process.env['BENCH_ONE'];
  if (one) {
    const [rate, seconds, url, warmUp] = one.split(',');
    const row = await measure(Number(rate), Number(seconds) * 1000, url, warmUp !== 'false');
    const cpu = process.cpuUsage();
    process.stdout.write(JSON.stringify({ ...row, processCpuTicks: (cpu.user + cpu.system) / 10_000 }));
    return;
  }
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 10);
  const server = spawn(process.execPath, ['-e', SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const port = await new Promise<number>((resolve) =>
    server.stdout?.once('data', (d) => resolve(Number(String(d)))),
  );
  const url = `http://127.0.0.1:${port}/`;
  const rows: Row[] = [];
  const timed = async (run: string, measured: () => Promise<Measured>) => {
    const pids = [process.pid, server.pid as number];
    const before = cpuTicks(pids);
    const startedAt = performance.now();
    const { processCpuTicks = 0, ...row } = await measured();
    const after = cpuTicks(pids);
    const ours = after && before ? after.ours - before.ours + processCpuTicks : 0;
    const others = before && after ? after.machine - before.machine - ours : null;
    const elapsedTicks = (performance.now() - startedAt) / 10;
    const otherCpu = others === null ? null : Math.max(0, (100 * others) / elapsedTicks);
    rows.push({ ...row, run, otherCpu });
    return rows[rows.length - 1];
  };
  const held = (row: Row) => row.ratio >= 0.99 && row.dropped === 0 && row.failed === 0 && row.lagP99 <= 10;

  await timed(`${seconds} s, first run`, () => measure(1000, seconds * 1000, url));
  await timed(`${seconds} s, after 1000`, () => measure(5000, seconds * 1000, url));
  await timed(`${seconds} s, new process`, () => measureInFreshProcess(5000, seconds, url));
  await timed(`${seconds} s, new process, no warm-up`, () =>
    measureInFreshProcess(5000, seconds, url, false),
  );
  let limit = 0;
  for (const rate of [2000, 3000, 4000, 5000, 7500, 9000, 10_000, 12_500, 15_000, 20_000]) {
    const row = await timed('5 s', () => measure(rate, 5000, url));
    if (!held(row)) break;
    limit = rate;
  }
  process.kill(-(server.pid as number), 'SIGTERM');
  console.log(
    '| Poisson rate | run | intended/s | achieved/s | achieved / intended | dropped | failed | send lag p99 | latency p50 / p99 | held | warm-up | other CPU |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.rate} | ${r.run} | ${r.intended.toFixed(1)} | ${r.achieved.toFixed(1)} | ${(r.ratio * 100).toFixed(2)} % | ${r.dropped} | ${r.failed} | ${r.lagP99.toFixed(2)} ms | ${r.p50.toFixed(2)} / ${r.p99.toFixed(2)} ms | ${held(r) ? 'yes' : 'no'} | ${r.warmUpMs > 0 ? `${(r.warmUpMs / 1000).toFixed(1)} s` : '-'} | ${r.otherCpu === null ? 'n/a' : `${r.otherCpu.toFixed(0)} %`} |`,
    );
  }
  console.log(
    `\nthe generator's own limit here: held ${limit} req/s; the next step up was not held (within 1 %, no drop, send lag p99 <= 10 ms)`,
  );
  console.log(
    '"other CPU": what other processes on this machine used during the row, % of one core (the generator and the server taken out)',
  );
}

void main();
