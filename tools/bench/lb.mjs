#!/usr/bin/env node
// Benchmark: load-balancer throughput (issue 4). Requests/s and p50/p99 of a tiny job (`/bench`, the light job at scale 0.01,
// the light job at 1 % of its work) through, side by side in one run:
//   ours      - cloud A (process runtime, STRATO_LB=haproxy): its HAProxy, the 3 nodes joined at runtime as
//               dynamic servers (the product path);
//   static    - a hand-written haproxy.cfg (one frontend, one backend, the SAME 3 nodes of cloud A as static
//               server lines, the same timeouts and options), a separate haproxy started and stopped here;
//   embedded  - cloud B (process runtime, STRATO_LB=embedded) with its own 3 nodes of the same pod (same caps);
//   direct    - wrk straight at cloud A's nodes: one node with the same wrk settings, and the three nodes
//               round-robin (wrk -t3, thread i -> node i; the only way wrk spreads over several addresses).
// The nodes belong to a pod `bench` with a 1-CPU cap: the light pod's 0.3-CPU cap throttles the nodes and
// would make the nodes, not the balancer, the bottleneck. Load: wrk, keep-alive, fixed connections, 10 s,
// 3 rounds interleaved (every variant once per round, every other round in reverse order) so noise hits
// all; medians reported.
// Usage: node tools/bench/lb.mjs [--seconds=10] [--runs=3] [--connections=12,48] [--quiet-wait=300] [--pod=light]
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, median, startBenchCloud } from './cloud-process.mjs';

const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SECONDS = Number(arg('seconds', '10'));
const RUNS = Number(arg('runs', '3'));
// Multiples of 3, so the round-robin direct run gives each node the same number of connections.
const CONNECTIONS = arg('connections', '12,48').split(',').map(Number);
// Before measuring, wait (bounded) until the rest of the machine is quiet: other work on 2 cores is the noise.
const QUIET_WAIT_S = Number(arg('quiet-wait', '300'));
// `--pod=light` runs on the seeded light pod (0.3 CPU per node) instead, to show its cap throttling the nodes.
const POD =
  arg('pod', 'bench') === 'light'
    ? { name: 'light', seeded: true }
    : { name: 'bench', cpus: 1, memoryMiB: 256, maxNodes: 3, job: { kind: 'light', scale: 0.01 } };
const BACKEND = `be_${POD.name}`;
// Through a balancer the pod's job setting sizes the work; straight at a node the path and query do.
const PATH = `/${POD.name}`;
const DIRECT_PATH = `/${POD.name}?scale=0.01`;
const HAPROXY = '/usr/sbin/haproxy';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- cleanup: everything started here is stopped, by handle or PID, also on failure and Ctrl-C ----
const cleanups = [];
async function cleanupAll() {
  while (cleanups.length) {
    const [what, fn] = cleanups.pop();
    try {
      await fn();
    } catch (error) {
      console.error(`cleanup of ${what} failed: ${error.message}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping everything this benchmark started…`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

// ---- wrk ----
// sessionNote: Linux autogroup scheduling is on here (kernel.sched_autogroup_enabled=1): when the CPUs are
// saturated, each session gets an equal share, whatever its number of processes. Our HAProxy (spawned
// detached by the supervisor) and every node (detached) have their own session; so do wrk and the static
// haproxy, started detached below. Sharing this script's session with wrk cost a first version's static
// haproxy 20-45 % of its throughput. The embedded balancer runs in its cloud's manager, which start.mjs spawns
// in this script's session, together with idle processes only (start.mjs, managers, agents).
const work = mkdtempSync(join(tmpdir(), 'strato-lb-bench-'));
cleanups.push(['temp dir', () => rmSync(work, { recursive: true, force: true })]);

const REPORT_LUA = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%.0f,"durationUs":%.0f,"p50Us":%.0f,"p99Us":%.0f,"maxUs":%.0f,' ..
    '"connect":%.0f,"read":%.0f,"write":%.0f,"status":%.0f,"timeout":%.0f}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
`;

function wrkScript(ports) {
  const file = join(work, `wrk-${ports.join('-') || 'one'}.lua`);
  const roundRobin = ports.length
    ? `local ports = { ${ports.join(', ')} }
local n = 0
setup = function(thread)
  n = n + 1
  thread.addr = wrk.lookup('127.0.0.1', tostring(ports[(n - 1) % #ports + 1]))[1]
end
`
    : '';
  writeFileSync(file, roundRobin + REPORT_LUA);
  return file;
}

/** One bounded wrk run; `ports` set: one wrk thread per port (round-robin over the nodes). */
function wrk(url, { connections, seconds, ports = [] }) {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`loopback only, not ${url}`);
  const threads = ports.length || 1;
  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '-s', wrkScript(ports), url];
  return new Promise((ok, fail) => {
    // Own session, like every process under test (see sessionNote): not in the autogroup of this script.
    const child = spawn('wrk', args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const entry = [`wrk (pid ${child.pid})`, () => child.exitCode === null && child.kill('SIGKILL')];
    cleanups.push(entry);
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 15) * 1000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      cleanups.splice(cleanups.indexOf(entry), 1);
      const line = stdout.split('\n').find((l) => l.startsWith('WRKJSON '));
      if (code !== 0 || !line)
        return fail(new Error(`wrk ${args.join(' ')}: exit ${code ?? signal}\n${stdout}${stderr}`));
      const r = JSON.parse(line.slice(8));
      ok({
        rps: r.requests / (r.durationUs / 1e6),
        p50: r.p50Us / 1000,
        p99: r.p99Us / 1000,
        errors: r.connect + r.read + r.write + r.status + r.timeout,
        requests: r.requests,
      });
    });
  });
}

// ---- /proc helpers: the balancers' CPU, HAProxy sockets ----
function procs() {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((pid) => {
      try {
        return { pid: Number(pid), argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0') };
      } catch {
        return undefined;
      }
    })
    .filter(Boolean);
}
const TICK_MS = 10; // USER_HZ 100
function cpuMs(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
    } catch {
      // gone
    }
  }
  return total;
}

/** CPU time (ms) of this process's reaped children: the delta over a wrk run is wrk's own CPU. */
function reapedChildrenCpuMs() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS; // cutime, cstime
}

/** The HAProxy (master + workers) of the cloud whose load balancer listens on lbPort. */
function cloudHaproxy(lbPort) {
  for (const { argv } of procs()) {
    if (!argv[0].endsWith('haproxy')) continue;
    const cfg = argv[argv.indexOf('-f') + 1];
    let text;
    try {
      text = readFileSync(cfg, 'utf8');
    } catch {
      continue;
    }
    if (!text.includes(`bind 127.0.0.1:${lbPort}\n`)) continue;
    const pids = () =>
      procs()
        .filter((p) => p.argv[0].endsWith('haproxy') && p.argv.includes(cfg))
        .map((p) => p.pid);
    return { cfg, dir: dirname(cfg), adminSocket: text.match(/stats socket (\S+)/)[1], pids };
  }
  throw new Error(`no haproxy bound to 127.0.0.1:${lbPort}`);
}

/** The manager process (it runs the embedded balancer) of the cloud whose load balancer is on lbPort. */
function cloudManager(lbPort) {
  for (const { pid, argv } of procs()) {
    if (!argv.some((a) => a.endsWith('dist/apps/manager/main.js'))) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`STRATO_LB_PORT=${lbPort}`))
        return pid;
    } catch {
      // not ours to read
    }
  }
  throw new Error(`no manager with STRATO_LB_PORT=${lbPort}`);
}

/** One runtime-API command on an admin socket (one command per connection). */
function adminCommand(socket, command) {
  return new Promise((ok, fail) => {
    let reply = '';
    const conn = createConnection(socket, () => conn.end(`${command}\n`));
    conn.setTimeout(5000, () => conn.destroy(new Error(`${command}: timeout`)));
    conn.on('data', (d) => (reply += d));
    conn.on('end', () => ok(reply));
    conn.on('error', fail);
  });
}

/** Per-server counters of a backend from `show stat`: requests, new backend connections, reused ones. */
async function serverCounters(socket, backend) {
  const [header, ...rows] = (await adminCommand(socket, `show stat ${backend} 4 -1`))
    .trim()
    .split('\n')
    .filter(Boolean);
  const cols = header.replace(/^# /, '').split(',');
  const col = (row, name) => row.split(',')[cols.indexOf(name)];
  return rows.map((row) => ({
    server: col(row, 'svname'),
    status: col(row, 'status'),
    requests: Number(col(row, 'stot')),
    connect: Number(col(row, 'connect')),
    reuse: Number(col(row, 'reuse')),
  }));
}

/** CPU time (ms) of the nodes, from their cgroups (cpuacct.usage, ns). */
function nodesCpuMs(cloudName, names) {
  let total = 0;
  for (const name of names) {
    try {
      total +=
        Number(readFileSync(`/sys/fs/cgroup/cpuacct/strato/${cloudName}/${name}/cpuacct.usage`, 'utf8')) /
        1e6;
    } catch {
      // no cgroup
    }
  }
  return total;
}

/** Busy CPU time (ms) of the whole machine, every process, from /proc/stat. */
function machineBusyMs() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks; // idle and iowait left out
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}

function cpuThrottled(cloudName, node) {
  for (const base of ['/sys/fs/cgroup/cpu', '/sys/fs/cgroup/cpu,cpuacct']) {
    try {
      const stat = readFileSync(`${base}/strato/${cloudName}/${node}/cpu.stat`, 'utf8');
      const quota = Number(readFileSync(`${base}/strato/${cloudName}/${node}/cpu.cfs_quota_us`, 'utf8'));
      const get = (k) => Number(stat.match(new RegExp(`${k} (\\d+)`))[1]);
      return { periods: get('nr_periods'), throttled: get('nr_throttled'), quotaCpus: quota / 100_000 };
    } catch {
      // next mount layout
    }
  }
  return undefined;
}

// ---- the setups ----
async function cloudWithNodes(lb, names) {
  const cloud = await startBenchCloud({ runtime: 'process', lb });
  cleanups.push([`${lb} cloud`, () => cloud.stop()]);
  await cloud.api('POST', '/api/v1/cloud/init');
  if (!POD.seeded) await cloud.api('POST', '/api/v1/pods', POD);
  else await cloud.api('PATCH', `/api/v1/pods/${POD.name}`, { job: { scale: 0.01 } });
  const lbPort = Number(new URL(cloud.lbUrl).port);
  // Our HAProxy's worker before any node joins: if it is the same after the joins, no reload happened
  // and the nodes are dynamic servers (`add server`), not static lines from a reloaded config.
  const workerBefore = lb === 'haproxy' ? cloudHaproxy(lbPort).pids() : [];
  for (const name of names) {
    await cloud.api('POST', '/api/v1/nodes', { name, pod: POD.name });
    await cloud.api('POST', `/api/v1/pods/${POD.name}/launch`);
  }
  const nodes = (await cloud.api('GET', `/api/v1/nodes?pod=${POD.name}`)).filter(
    (n) => n.status === 'ONLINE',
  );
  if (nodes.length !== names.length)
    throw new Error(`${lb} cloud: ${nodes.length} nodes ONLINE, wanted ${names.length}`);
  const workerAfter = lb === 'haproxy' ? cloudHaproxy(lbPort).pids() : [];
  // What our balancer gives each node (nodeConcurrencyLimit of the pod's job and cap): the static config
  // gets the same maxconn.
  const balanced = (await cloud.api('GET', '/api/v1/lb')).pods.find((p) => p.pod === POD.name);
  return {
    cloud,
    lbUrl: cloud.lbUrl,
    lbPort,
    nodes,
    maxConnections: balanced.servers[0].maxConnections,
    dynamic: lb === 'haproxy' && workerBefore.join() === workerAfter.join(),
  };
}

/** The pod's percentiles as `GET /api/v1/lb` reports them (from HAProxy's sampled access log). */
async function reportedLatency(cloud) {
  const pod = (await cloud.api('GET', '/api/v1/lb')).pods.find((p) => p.pod === POD.name);
  return pod?.latency ?? undefined;
}

function staticConfig({ port, adminSocket, nodes, maxConnections }) {
  // Hand-written: one frontend, one backend, the nodes as static server lines. Timeouts, keep-alive and
  // retry options and the health check are those of the config libs/haproxy renders (defaults section).
  return `global
  stats socket ${adminSocket} mode 600 level admin

defaults
  mode http
  timeout connect 5s
  timeout client 90s
  timeout server 90s
  timeout http-request 10s
  timeout http-keep-alive 10s
  timeout queue 30s
  timeout check 2s
  option idle-close-on-response
  option redispatch 1
  retries 2
  retry-on conn-failure empty-response
  option forwardfor
  option httpchk GET /health

frontend fe_static
  bind 127.0.0.1:${port}
  default_backend ${BACKEND}

backend ${BACKEND}
  balance roundrobin
  http-request return status 503 content-type application/json string '{"queue":"full"}' hdr Retry-After 1 if { avg_queue ge 1000 }
  http-request set-header x-strato-job light
  http-request set-header x-strato-job-scale 0.01
${nodes.map((n) => `  server ${n.name} ${n.host}:${n.port} weight 1 maxconn ${maxConnections} check inter 1s fastinter 250ms fall 2 rise 2`).join('\n')}
`;
}

async function startStaticHaproxy(nodes, maxConnections) {
  const port = await freePort();
  const adminSocket = join(work, 'static-admin.sock');
  const cfg = join(work, 'static-haproxy.cfg');
  writeFileSync(cfg, staticConfig({ port, adminSocket, nodes, maxConnections }));
  await new Promise((ok, fail) =>
    execFile(HAPROXY, ['-c', '-q', '-f', cfg], (error, _o, stderr) =>
      error ? fail(new Error(`static config invalid: ${stderr}`)) : ok(),
    ),
  );
  // Foreground (no -D, no master-worker): the child's PID is haproxy's PID, stopped by that PID below.
  // Own session (detached), as our HAProxy has (the supervisor spawns it detached): see sessionNote.
  const child = spawn(HAPROXY, ['-f', cfg], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((r) => child.once('exit', r));
  cleanups.push([
    `static haproxy (pid ${child.pid})`,
    async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(child.pid, 'SIGTERM');
      if ((await Promise.race([exited.then(() => true), sleep(5000)])) !== true)
        process.kill(child.pid, 'SIGKILL');
    },
  ]);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`static haproxy exited: ${stderr}`);
    // Every server UP (first health checks passed), so no request meets a not-yet-checked server.
    const up = await serverCounters(adminSocket, BACKEND).catch(() => []);
    if (up.length === nodes.length && up.every((s) => s.status === 'UP')) break;
    if (Date.now() > deadline) throw new Error(`static haproxy: servers not UP: ${JSON.stringify(up)}`);
    await sleep(100);
  }
  return { url, adminSocket, cfg, pid: child.pid };
}

/** Waits up to QUIET_WAIT_S for 3 s in a row with the machine under 0.3 cores busy (our idle clouds included). */
async function waitForQuietMachine() {
  const deadline = Date.now() + QUIET_WAIT_S * 1000;
  let busy;
  do {
    const before = machineBusyMs();
    await sleep(3000);
    busy = (machineBusyMs() - before) / 3000;
    if (busy < 0.3) return console.log(`machine quiet: ${busy.toFixed(2)} cores busy before the runs`);
  } while (Date.now() < deadline);
  console.log(
    `WARNING: the machine stayed busy (${busy.toFixed(2)} cores) for ${QUIET_WAIT_S} s; measuring anyway`,
  );
}

// ---- main ----
const fmtMs = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const fmtK = (rps) => `${(rps / 1000).toFixed(1)}k`;

async function main() {
  const loadavg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`load average before: ${loadavg}`);
  const a = await cloudWithNodes('haproxy', ['h1', 'h2', 'h3']);
  const b = await cloudWithNodes('embedded', ['e1', 'e2', 'e3']);
  const ours = cloudHaproxy(a.lbPort);
  const staticLb = await startStaticHaproxy(a.nodes, a.maxConnections);
  console.log(
    `each node gets at most ${a.maxConnections} requests at once (our maxconn for the pod's job and cap; the static config the same)`,
  );
  const managerB = cloudManager(b.lbPort);
  const ports = a.nodes.map((n) => n.port);
  const cloudName = `bench-${process.pid}-process`;
  console.log(
    `cloud A (process + haproxy): nodes ${a.nodes.map((n) => `${n.name}:${n.port}`).join(' ')}, ` +
      `HAProxy ${ours.cfg}; nodes joined without a reload (dynamic servers): ${a.dynamic}`,
  );
  console.log(`static haproxy pid ${staticLb.pid} on ${staticLb.url}, config ${staticLb.cfg}`);
  console.log(`cloud B (process + embedded): nodes ${b.nodes.map((n) => `${n.name}:${n.port}`).join(' ')}`);
  const group = (pid) => {
    try {
      return readFileSync(`/proc/${pid}/autogroup`, 'utf8').split(' ')[0];
    } catch {
      return '?';
    }
  };
  console.log(
    `scheduler autogroups: ours ${ours.pids().map(group).join(',')}, static ${group(staticLb.pid)}, ` +
      `embedded (manager B) ${group(managerB)}, this script ${group(process.pid)}`,
  );

  const variants = [
    {
      key: 'ours',
      label: 'our HAProxy (dynamic servers)',
      url: `${a.lbUrl}${PATH}`,
      cpuPids: () => ours.pids(),
      nodes: a.nodes,
    },
    {
      key: 'static',
      label: 'static haproxy.cfg',
      url: `${staticLb.url}${PATH}`,
      cpuPids: () => [staticLb.pid],
      nodes: a.nodes,
    },
    {
      key: 'embedded',
      label: 'embedded (cloud B, own 3 nodes)',
      url: `${b.lbUrl}${PATH}`,
      cpuPids: () => [managerB],
      nodes: b.nodes,
    },
    {
      key: 'direct1',
      label: 'direct, one node',
      url: `http://127.0.0.1:${ports[0]}${DIRECT_PATH}`,
      cpuPids: () => [],
      nodes: a.nodes.slice(0, 1),
    },
    {
      key: 'directRR',
      label: 'direct, 3 nodes round-robin (wrk -t3)',
      url: `http://127.0.0.1:${ports[0]}${DIRECT_PATH}`,
      ports,
      cpuPids: () => [],
      nodes: a.nodes,
    },
  ];

  await waitForQuietMachine();
  // Warm-up (JIT, connection pools, first health checks long passed), not counted.
  for (const v of variants) await wrk(v.url, { connections: CONNECTIONS.at(-1), seconds: 2, ports: v.ports });

  const countersBefore = {
    ours: await serverCounters(ours.adminSocket, BACKEND),
    static: await serverCounters(staticLb.adminSocket, BACKEND),
  };
  const throttleBefore = [...a.nodes, ...b.nodes].map((n) => cpuThrottled(cloudName, n.name));
  const results = {}; // `${c}/${key}` -> runs
  for (let round = 1; round <= RUNS; round++) {
    for (const c of CONNECTIONS) {
      // Every variant once per round; even rounds in reverse order, so no variant always follows the same one.
      for (const v of round % 2 ? variants : [...variants].reverse()) {
        const pids = v.cpuPids();
        const names = v.nodes.map((n) => n.name);
        const cpuBefore = cpuMs(pids);
        const nodesBefore = nodesCpuMs(cloudName, names);
        const busyBefore = machineBusyMs();
        const wrkBefore = reapedChildrenCpuMs();
        const r = await wrk(v.url, { connections: c, seconds: SECONDS, ports: v.ports });
        r.wrkCpu = (reapedChildrenCpuMs() - wrkBefore) / (SECONDS * 1000);
        r.lbCpu = pids.length ? (cpuMs(pids) - cpuBefore) / (SECONDS * 1000) : undefined;
        r.nodesCpu = (nodesCpuMs(cloudName, names) - nodesBefore) / (SECONDS * 1000);
        r.busy = (machineBusyMs() - busyBefore) / (SECONDS * 1000);
        // What our manager reports for the same requests (its last 10 s: this run), next to wrk's client view.
        if (v.key === 'ours') r.reported = await reportedLatency(a.cloud);
        (results[`${c}/${v.key}`] ??= []).push(r);
        console.log(
          `round ${round} c=${c} ${v.key.padEnd(8)} ${Math.round(r.rps)} req/s  p50 ${fmtMs(r.p50)} ms  p99 ${fmtMs(r.p99)} ms  errors ${r.errors}` +
            (r.lbCpu === undefined ? '' : `  balancer CPU ${r.lbCpu.toFixed(2)}`) +
            `  nodes ${r.nodesCpu.toFixed(2)}  wrk ${r.wrkCpu.toFixed(2)}  machine busy ${r.busy.toFixed(2)} of 2` +
            (r.reported ? `  manager reports p50 ${r.reported.p50Ms} / p99 ${r.reported.p99Ms} ms` : ''),
        );
      }
    }
  }
  const countersAfter = {
    ours: await serverCounters(ours.adminSocket, BACKEND),
    static: await serverCounters(staticLb.adminSocket, BACKEND),
  };
  const throttleAfter = [...a.nodes, ...b.nodes].map((n) => cpuThrottled(cloudName, n.name));
  const poolConnOurs = await adminCommand(ours.adminSocket, `show servers conn ${BACKEND}`);

  // ---- report ----
  const wrkArgs = (v, c) => (v.ports ? `-t3 -c${c}` : `-t1 -c${c}`);
  console.log(
    `\n| balancer | wrk | req/s, median of ${RUNS} | all runs | p50 | p99 | CPU (cores): balancer / nodes / wrk / rest of machine | errors |`,
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const med = {};
  for (const c of CONNECTIONS) {
    for (const v of variants) {
      const runs = results[`${c}/${v.key}`];
      const m = (f) => median(runs.map(f));
      med[`${c}/${v.key}`] = m((r) => r.rps);
      const lbCpu = runs[0].lbCpu === undefined ? '—' : m((r) => r.lbCpu).toFixed(2);
      // What else ran (other users, our idle managers and agents); tick-rounded, so ±0.05 and clamped at 0.
      const rest = Math.max(
        0,
        m((r) => r.busy - (r.lbCpu ?? 0) - r.nodesCpu - r.wrkCpu),
      );
      const cpu = `${lbCpu} / ${m((r) => r.nodesCpu).toFixed(2)} / ${m((r) => r.wrkCpu).toFixed(2)} / ${rest.toFixed(2)}`;
      console.log(
        `| ${v.label} | ${wrkArgs(v, c)} | ${Math.round(m((r) => r.rps))} | ${runs.map((r) => fmtK(r.rps)).join(' / ')} | ` +
          `${fmtMs(m((r) => r.p50))} ms | ${fmtMs(m((r) => r.p99))} ms | ${cpu} | ${runs.reduce((s, r) => s + r.errors, 0)} |`,
      );
    }
  }
  console.log('');
  for (const c of CONNECTIONS) {
    const r = (x, y) => (med[`${c}/${x}`] / med[`${c}/${y}`]).toFixed(2);
    console.log(
      `c=${c}: ours/static ${r('ours', 'static')} (target >= 0.95), embedded/static ${r('embedded', 'static')}, ` +
        `static/direct-rr ${r('static', 'directRR')}, ours/direct-rr ${r('ours', 'directRR')}, direct-1/direct-rr ${r('direct1', 'directRR')}`,
    );
    // HAProxy's %Ta (what the manager reports) is the time inside HAProxy; wrk's adds the client side.
    const timed = results[`${c}/ours`].filter((run) => run.reported);
    const pair = (wrkKey, ours) =>
      `${fmtMs(median(timed.map((run) => run[wrkKey])))} / ${median(timed.map((run) => run.reported[ours]))} ms`;
    if (timed.length > 0)
      console.log(
        `c=${c}: percentiles, wrk / manager (medians of ${timed.length} runs): p50 ${pair('p50', 'p50Ms')}, p99 ${pair('p99', 'p99Ms')}`,
      );
  }
  const reuse = (before, after) =>
    after
      .map((s, i) => {
        const req = s.requests - before[i].requests;
        const conn = s.connect - before[i].connect;
        return `${s.server}: ${req} req, ${conn} new backend conns, ${s.reuse - before[i].reuse} reused`;
      })
      .join('; ');
  console.log(`\nbackend connections during the measured runs (show stat connect/reuse):`);
  console.log(`  ours:   ${reuse(countersBefore.ours, countersAfter.ours)}`);
  console.log(`  static: ${reuse(countersBefore.static, countersAfter.static)}`);
  console.log(`show servers conn ${BACKEND} (ours):\n${poolConnOurs.trim()}`);
  console.log('\nCPU cap of the nodes (cgroup cpu.stat over the measured runs):');
  [...a.nodes, ...b.nodes].forEach((n, i) => {
    const x = throttleBefore[i];
    const y = throttleAfter[i];
    if (!x || !y) return console.log(`  ${n.name}: no cgroup found`);
    console.log(
      `  ${n.name}: cap ${y.quotaCpus} CPU, throttled in ${y.throttled - x.throttled} of ${y.periods - x.periods} periods`,
    );
  });
  console.log(
    `load average after: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
  );
}

try {
  await main();
} finally {
  await cleanupAll();
}
