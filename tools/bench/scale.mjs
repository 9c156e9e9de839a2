#!/usr/bin/env node
// Benchmark: the manager at scale. The built manager (dist/apps/manager/main.js: its SQLite store, the
// reconciler, the embedded balancer with its health checks, the metrics sampler, the job sweep, all real)
// with AGENTS simulated agents (fake-agents.mjs, a fake runtime in one child process) and NODES nodes
// launched through the API (POST /api/v1/nodes, then POST /api/v1/pods/:pod/launch) into pods of at most
// 200. Then, with every node ONLINE: the reconciler's own pass time (`lastPassMs` of GET
// /api/v1/cloud/status, each pass once) over PASS_SECONDS at rest; CALLS calls of each list route; the
// live stream (PUT weight -> its event, 1 and 10 clients with metrics frames); the manager's RSS
// (/proc/<pid>/status) all along. Targets: a pass under 100 ms, RSS under 300 MB.
// Usage: node tools/bench/scale.mjs [--agents=20] [--nodes=1000] [--pass-seconds=30] [--calls=50]
//        [--changes=50] [--manager-env=STRATO_X=1,…] [--keep-data]
//        (Linux: reads /proc; build first: npx nx run manager:build)
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EventSource } from 'eventsource';
import { waitForHttp } from '../lib/process-utils.mjs';
import { freePort, median, ownerApi, percentile } from './cloud-process.mjs';

const root = resolve(import.meta.dirname, '../..');
const arg = (name, fallback) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const AGENTS = arg('agents', 20);
const NODES = arg('nodes', 1000);
const PASS_SECONDS = arg('pass-seconds', 30);
const CALLS = arg('calls', 50);
const CHANGES = arg('changes', 50);
const KEEP_DATA = process.argv.includes('--keep-data');
const POD_SIZE = 200;
const LAUNCHES_AT_ONCE = 25;
const RUN_LIMIT_MS = 5 * 60_000;
const TARGET = { passMs: 100, rssMB: 300 };
/** `--manager-env=STRATO_X=1,STRATO_Y=2`: settings for a variant run (a loop switched off, say). */
const MANAGER_ENV = Object.fromEntries(
  (process.argv.find((a) => a.startsWith('--manager-env='))?.slice(14) ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const MANAGER_MAIN = resolve(root, process.env.STRATO_MANAGER_MAIN ?? 'dist/apps/manager/main.js');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ms = (v) => (v === undefined ? '–' : `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`);
const stats = (values) => ({
  n: values.length,
  median: median(values),
  p95: percentile(values, 95),
  max: Math.max(...values),
});
const fmtStats = (s) => `${ms(s.median)} / ${ms(s.p95)} / ${ms(s.max)}`;

/** The built manager alone (no agent: the fake ones register), embedded balancer, throwaway data dir. */
async function startManager(dataDir) {
  const [port, lbPort] = [await freePort(), await freePort()];
  const token = randomBytes(24).toString('base64url');
  const agentToken = randomBytes(24).toString('base64url');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('STRATO_')));
  const logFile = join(dataDir, 'manager.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [MANAGER_MAIN], {
    cwd: root,
    env: {
      ...env,
      STRATO_DATA_DIR: dataDir,
      STRATO_PORT: String(port),
      STRATO_LB: 'embedded',
      STRATO_LB_PORT: String(lbPort),
      STRATO_AGENT_TOKEN: agentToken,
      STRATO_OWNER_TOKEN: token,
      STRATO_OVERCOMMIT: '1', // the agents offer room enough: placement never overcommits
      ...MANAGER_ENV,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(log);
    stream.on('data', (chunk) => (tail = (tail + chunk).slice(-2000)));
  }
  const manager = `http://127.0.0.1:${port}`;
  await waitForHttp(`${manager}/api/health`, 60_000, () => child.exitCode !== null);
  if (child.exitCode !== null) throw new Error(`manager exited (${child.exitCode}):\n${tail}`);
  return { child, manager, token, agentToken, logFile, api: ownerApi(manager, token) };
}

function startAgents(options) {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'fake-agents.mjs'), JSON.stringify(options)],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  let output = '';
  const ready = new Promise((ok, fail) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('\n')) ok(JSON.parse(output.split('\n')[0]).ready);
    });
    child.once('exit', (code) => fail(new Error(`fake agents exited (${code}) before they were ready`)));
  });
  const counters = () =>
    new Promise((ok, fail) => {
      const timer = setTimeout(
        () => fail(new Error('the fake agents did not answer for their counters')),
        5000,
      );
      child.once('message', (message) => {
        clearTimeout(timer);
        ok(message.stats);
      });
      child.send('stats');
    });
  return { child, ready, counters };
}

/** Stops a child by its PID: SIGTERM, then SIGKILL after `graceMs`. */
async function stopChild(child, graceMs) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((ok) => child.once('exit', ok));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) return;
  child.kill('SIGKILL');
  await exited;
}

/** CPU ticks (1/100 s) the process used so far. */
function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The manager's RSS every 200 ms, tagged with the phase. */
function watchManager(pid) {
  const samples = [];
  let phase = 'boot';
  const status = () => readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (field) => Number(status().match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? NaN);
  const timer = setInterval(() => {
    try {
      samples.push({ phase, mb: (kB('VmRSS') * 1024) / 1e6 });
    } catch {
      // exited meanwhile
    }
  }, 200);
  return {
    get phase() {
      return phase;
    },
    set phase(name) {
      phase = name;
    },
    rss: (name) => samples.filter((s) => s.phase === name).map((s) => s.mb),
    all: () => samples.map((s) => s.mb),
    hwmMB: () => (kB('VmHWM') * 1024) / 1e6,
    anonMB: () => (kB('RssAnon') * 1024) / 1e6,
    stop: () => clearInterval(timer),
  };
}

/** Each reconciler pass once (polled every second), tagged with the phase it finished in. */
function watchPasses(api, watch) {
  const seen = new Map();
  let running = true;
  const loop = (async () => {
    while (running) {
      const { reconciler } = await api('GET', '/api/v1/cloud/status').catch(() => ({}));
      if (reconciler?.lastPassAt && !seen.has(reconciler.lastPassAt))
        seen.set(reconciler.lastPassAt, { phase: watch.phase, ms: reconciler.lastPassMs });
      await sleep(1000);
    }
  })();
  return {
    of: (phase) => [...seen.values()].filter((p) => p.phase === phase).map((p) => p.ms),
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** Runs `work(i)` for i in 0…count-1, `atOnce` at a time. */
async function pool(count, atOnce, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(atOnce, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

async function launchAll(cloud) {
  const pods = Array.from({ length: Math.ceil(NODES / POD_SIZE) }, (_, i) => `scale-${i + 1}`);
  for (const pod of pods)
    await cloud.api('POST', '/api/v1/pods', { name: pod, cpus: 0.05, memoryMiB: 32, maxNodes: POD_SIZE });
  const podOf = (i) => pods[i % pods.length];
  await pool(NODES, 10, (i) => cloud.api('POST', '/api/v1/nodes', { name: `n${i + 1}`, pod: podOf(i) }));
  const times = [];
  const failures = [];
  const started = performance.now();
  await pool(NODES, LAUNCHES_AT_ONCE, async (i) => {
    const t0 = performance.now();
    await cloud.api('POST', `/api/v1/pods/${podOf(i)}/launch`).then(
      () => times.push(performance.now() - t0),
      (error) => failures.push(error.message),
    );
  });
  const totalMs = performance.now() - started;
  const nodes = await cloud.api('GET', '/api/v1/nodes');
  const online = nodes.filter((n) => n.status === 'ONLINE').length;
  return { totalMs, times, failures, online, nodes };
}

async function timeCalls(cloud, path) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${cloud.manager}${path}`, {
      headers: { authorization: `Bearer ${cloud.token}` },
    });
    bytes = (await res.arrayBuffer()).byteLength;
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  return { path, bytes, ...stats(times) };
}

/** PUT weight -> WeightChanged on every client; and the metrics frames the clients got meanwhile. */
async function streamRound(cloud, clients, nodeNames) {
  const seen = Array.from({ length: clients }, () => []);
  const metricLags = [];
  const frames = Array(clients).fill(0);
  const sources = seen.map((events, i) => {
    const source = new EventSource(`${cloud.manager}/api/v1/stream?metrics=true`, {
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...init?.headers, authorization: `Bearer ${cloud.token}` } }),
    });
    source.addEventListener('events', (e) => {
      const at = performance.now();
      for (const event of JSON.parse(e.data).events) events.push({ ...event, at });
    });
    source.addEventListener('metrics', (e) => {
      frames[i]++;
      metricLags.push(Date.now() - Date.parse(JSON.parse(e.data).at));
    });
    return source;
  });
  try {
    while (!sources.every((s) => s.readyState === EventSource.OPEN)) await sleep(20);
    await sleep(1500);
    frames.fill(0);
    metricLags.length = 0;
    const windowStart = performance.now();
    const latencies = [];
    const answers = [];
    for (let c = 0; c < CHANGES; c++) {
      const node = nodeNames[c % nodeNames.length];
      const before = seen.map((events) => events.length);
      const t0 = performance.now();
      await cloud.api('PUT', `/api/v1/nodes/${node}/weight`, { weight: 2 + (c % 2) });
      answers.push(performance.now() - t0);
      const deadline = Date.now() + 10_000;
      for (const [i, events] of seen.entries()) {
        let got;
        while (!(got = events.slice(before[i]).find((e) => e.type === 'WeightChanged' && e.node === node))) {
          if (Date.now() > deadline) throw new Error(`no WeightChanged for ${node} on stream client ${i}`);
          await sleep(1);
        }
        latencies.push(got.at - t0);
      }
      await sleep(150);
    }
    const seconds = (performance.now() - windowStart) / 1000;
    return {
      clients,
      ...stats(latencies),
      answer: stats(answers),
      framesPerSecond: median(frames) / seconds,
      lag: metricLags.length ? stats(metricLags) : undefined,
    };
  } finally {
    for (const source of sources) source.close();
  }
}

/** WARN / ERROR lines of the manager's log, counted by their text with ids and numbers blanked. */
function logProblems(logFile) {
  const counts = new Map();
  // eslint-disable-next-line no-control-regex
  const plain = readFileSync(logFile, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  for (const line of plain.split('\n')) {
    const m = line.match(/\b(WARN|ERROR)\b\s+(?:\[[^\]]+\]\s+)?(.*)$/);
    if (!m) continue;
    const key = `${m[1]} ${m[2].replace(/\d+/g, '#').slice(0, 160)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

async function main(cleanup) {
  if (!existsSync(MANAGER_MAIN))
    throw new Error(
      `${MANAGER_MAIN} is missing: NX_DAEMON=false npx nx run manager:build --output-style=static`,
    );
  const dataDir = mkdtempSync(join(tmpdir(), 'strato-scale-'));
  if (KEEP_DATA) cleanup.push(() => console.log(`data dir and manager log kept in ${dataDir}`));
  else cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const build = readFileSync(MANAGER_MAIN);
  console.log(
    `manager build ${MANAGER_MAIN} (${statSync(MANAGER_MAIN).mtime.toISOString()}, sha256 ${createHash('sha256').update(build).digest('hex').slice(0, 12)})`,
  );
  const cloud = await startManager(dataDir);
  cleanup.push(() => stopChild(cloud.child, 20_000));
  const watch = watchManager(cloud.child.pid);
  cleanup.push(() => watch.stop());
  const fleet = startAgents({ count: AGENTS, managerUrl: cloud.manager, joinToken: cloud.agentToken });
  cleanup.splice(1, 0, () => stopChild(fleet.child, 5_000)); // after the manager: it calls them no more
  await fleet.ready;
  while ((await cloud.api('GET', '/api/v1/agents')).filter((a) => a.reachable).length < AGENTS)
    await sleep(100);
  const passes = watchPasses(cloud.api, watch);
  cleanup.push(() => passes.stop());
  watch.phase = 'idle';
  await sleep(10_000);
  const idleRss = median(watch.rss('idle'));

  watch.phase = 'launch';
  const launch = await launchAll(cloud);
  if (launch.failures.length)
    console.log(`launch failures (${launch.failures.length}):`, launch.failures.slice(0, 5));
  if (launch.online < NODES)
    throw new Error(`only ${launch.online} of ${NODES} nodes ONLINE after the launches`);

  watch.phase = 'settle';
  await sleep(5000);
  watch.phase = 'rest';
  const pids = [cloud.child.pid, fleet.child.pid];
  const [ticks0, calls0, t0] = [pids.map(cpuTicks), await fleet.counters(), performance.now()];
  await sleep(PASS_SECONDS * 1000);
  const [ticks1, calls1, t1] = [pids.map(cpuTicks), await fleet.counters(), performance.now()];
  const restSeconds = (t1 - t0) / 1000;
  const [cpuPercent, agentsCpuPercent] = pids.map((_, i) => (ticks1[i] - ticks0[i]) / restSeconds);
  const agentCallsPerSecond = Object.entries(calls1.counts)
    .map(([route, n]) => [route, (n - (calls0.counts[route] ?? 0)) / restSeconds])
    .filter(([, rate]) => rate > 0)
    .sort((a, b) => b[1] - a[1]);

  watch.phase = 'api';
  const routes = ['/api/v1/nodes', '/api/v1/nodes?pod=scale-1', '/api/v1/pods', '/api/v1/agents'];
  routes.push('/api/v1/cloud/status', '/api/v1/lb', '/api/health');
  const calls = [];
  for (const path of routes) calls.push(await timeCalls(cloud, path));

  watch.phase = 'stream';
  const names = launch.nodes.map((n) => n.name);
  const streamed = [await streamRound(cloud, 1, names), await streamRound(cloud, 10, names)];
  await passes.stop();
  const online = (await cloud.api('GET', '/api/v1/nodes')).filter((n) => n.status === 'ONLINE').length;

  const rest = stats(passes.of('rest'));
  const rssRest = stats(watch.rss('rest'));
  const rssPeak = Math.max(...watch.all());
  const [hwm, anon] = [watch.hwmMB(), watch.anonMB()];
  const verdict = (ok) => (ok ? 'met' : '**missed**');
  const mb = (v) => `${v.toFixed(0)} MB`;
  console.log(
    `\n${AGENTS} fake agents, ${NODES} nodes in ${Math.ceil(NODES / POD_SIZE)} pods; ${online} ONLINE at the end\n`,
  );
  console.log('| measure | value | target |');
  console.log('| --- | --- | --- |');
  console.log(
    `| reconcile pass at rest, median / p95 / max (${rest.n} passes over ${PASS_SECONDS} s) | ${fmtStats(rest)} | < ${TARGET.passMs} ms: ${verdict(rest.max < TARGET.passMs)} |`,
  );
  for (const phase of ['idle', 'launch', 'api', 'stream']) {
    const p = passes.of(phase);
    if (p.length)
      console.log(
        `| reconcile pass ${phase === 'idle' ? 'with no node yet' : `during ${phase}`}, median / p95 / max (${p.length} passes) | ${fmtStats(stats(p))} | |`,
      );
  }
  console.log(
    `| manager RSS: 0 nodes / at rest median / peak sampled / VmHWM (anonymous at the end) | ${mb(idleRss)} / ${mb(rssRest.median)} / ${mb(rssPeak)} / ${mb(hwm)} (${mb(anon)}) | < ${TARGET.rssMB} MB: ${verdict(hwm < TARGET.rssMB)} |`,
  );
  const peaks = ['idle', 'launch', 'settle', 'rest', 'api', 'stream']
    .map((phase) => `${phase} ${mb(Math.max(0, ...watch.rss(phase)))}`)
    .join(' / ');
  console.log(`| manager RSS peak sampled, by phase | ${peaks} | |`);
  console.log(
    `| CPU at rest (% of one core): manager / the fake agents' process | ${cpuPercent.toFixed(1)} % / ${agentsCpuPercent.toFixed(1)} % | |`,
  );
  const perLaunch = stats(launch.times);
  console.log(
    `| launch of ${NODES} (${LAUNCHES_AT_ONCE} at a time): all ONLINE after | ${(launch.totalMs / 1000).toFixed(1)} s (${(NODES / (launch.totalMs / 1000)).toFixed(0)} nodes/s; ${launch.failures.length} failed) | |`,
  );
  console.log(`| one launch, median / p95 / max | ${fmtStats(perLaunch)} | |`);
  console.log(`\n| API call (${CALLS} each, one at a time) | answer | median | p95 | max |`);
  console.log('| --- | --- | --- | --- | --- |');
  for (const c of calls)
    console.log(
      `| GET ${c.path} | ${(c.bytes / 1024).toFixed(0)} KiB | ${ms(c.median)} | ${ms(c.p95)} | ${ms(c.max)} |`,
    );
  console.log(
    `\n| stream clients | change → event p50 / p95 / max (${CHANGES} changes) | the PUT answered, p50 / p95 / max | metrics frames / s per client | metrics frame lag p50 / max |`,
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const s of streamed)
    console.log(
      `| ${s.clients} | ${fmtStats(s)} | ${fmtStats(s.answer)} | ${s.framesPerSecond.toFixed(2)} | ${s.lag ? `${ms(s.lag.median)} / ${ms(s.lag.max)}` : 'none'} |`,
    );
  console.log(`\nwhat the manager asks of the ${AGENTS} agents at rest, calls / s:`);
  for (const [route, rate] of agentCallsPerSecond) console.log(`  ${route}: ${rate.toFixed(1)}`);
  const problems = logProblems(cloud.logFile);
  console.log(`\nmanager log: ${problems.reduce((s, [, n]) => s + n, 0)} WARN/ERROR line(s)`);
  for (const [line, n] of problems.slice(0, 8)) console.log(`  ${n}× ${line}`);
}

const cleanup = [];
let cleaned = false;
async function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  for (const step of cleanup.reverse()) await step();
}
const limit = setTimeout(() => {
  console.error(`scale benchmark: over ${RUN_LIMIT_MS / 60_000} min, stopping`);
  void cleanUp().then(() => process.exit(1));
}, RUN_LIMIT_MS);
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => void cleanUp().then(() => process.exit(130)));
try {
  await main(cleanup);
} catch (error) {
  console.error(`scale benchmark failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
  clearTimeout(limit);
}
