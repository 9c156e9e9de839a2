#!/usr/bin/env node
// Benchmark: 1 -> 20 light nodes serving, side by side in one run, alternating rounds:
//   swarm   plain `docker service scale` of one host-network service (each replica its own port, from
//           its slot) on the manager host of the swarm, until every replica answers /health: Swarm's own time;
//   strato  Strato on the swarm runtime behind HAProxy: 19 nodes registered, then 19 launches at once,
//   +swarm  until all 20 are ONLINE and each has answered through the load balancer;
//   strato  the same on the docker runtime.
//   +docker
// Needs tools/swarm-daemon.sh start, Docker, HAProxy and a build (npx nx run-many -t build). Also prints how
// long to all ONLINE (before the first request through HAProxy) and the machine's busy CPU seconds (/proc/stat).
// Usage: node tools/bench/swarm-scale.mjs [--rounds=3]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { median, startBenchCloud } from './cloud-process.mjs';

const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3);
const NODES = 20;
// 20 light nodes reserve 6 CPUs at their size, on 2 cores: every variant reserves a quarter of it.
const OVERCOMMIT = 4;
const LIMIT_MS = 120_000;
const SWARM_HOST = process.env.STRATO_SWARM_DOCKER_HOST ?? 'unix:///tmp/strato-swarm/docker.sock';
const swarm = (...args) => execFileSync('docker', ['-H', SWARM_HOST, ...args], { encoding: 'utf8' }).trim();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Busy CPU seconds of the whole machine so far (/proc/stat, every core; idle and iowait left out). */
function busySeconds() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + ticks[4];
  return (ticks.reduce((a, b) => a + b, 0) - idle) / 100;
}

async function answers(port) {
  const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(500) }).catch(
    () => undefined,
  );
  return res?.ok === true;
}

async function until(check, what) {
  const deadline = Date.now() + LIMIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${LIMIT_MS} ms`);
    await sleep(10);
  }
}

/** Replica n listens on port "240" + n (2401…2409, 24010…24020): Swarm's templates give each task its slot. */
async function plainSwarm(round) {
  const name = `bench-scale-${process.pid}-${round}`;
  const ports = Array.from({ length: NODES }, (_, i) => Number(`240${i + 1}`));
  swarm(
    'service',
    'create',
    '--quiet',
    '--detach',
    '--name',
    name,
    '--network',
    'host',
    '--restart-condition',
    'none',
    // On the manager's host, as Strato's swarm runtime pins its nodes (the worker has no node image).
    '--constraint',
    'node.role==manager',
    '--limit-cpu',
    '0.3',
    '--reserve-cpu',
    '0.075',
    '--limit-memory',
    '128m',
    '--reserve-memory',
    '32m',
    '--init',
    '--env',
    'PORT=240{{.Task.Slot}}',
    '--env',
    'HOST=127.0.0.1',
    '--env',
    'NODE_ID=slot-{{.Task.Slot}}',
    '--env',
    'POD_NAME=light',
    '--env',
    'NODE_CPUS=0.3',
    'strato-node:latest',
  );
  try {
    await until(() => answers(ports[0]), 'the first replica');
    const started = performance.now();
    const busy = busySeconds();
    swarm('service', 'scale', '--detach', `${name}=${NODES}`);
    await until(async () => (await Promise.all(ports.map(answers))).every(Boolean), 'all replicas');
    return { ms: performance.now() - started, busy: busySeconds() - busy };
  } finally {
    swarm('service', 'rm', name);
  }
}

async function stratoCloud(runtime) {
  const env = {
    STRATO_OVERCOMMIT: String(OVERCOMMIT),
    ...(runtime === 'swarm' ? { DOCKER_HOST: SWARM_HOST } : {}),
  };
  const cloud = await startBenchCloud({ runtime, lb: 'haproxy', env });
  try {
    await cloud.api('POST', '/api/v1/cloud/init');
    await cloud.api('PATCH', '/api/v1/pods/light', { job: { scale: 0.01 } });
    const light = () => cloud.api('GET', '/api/v1/nodes?pod=light');
    for (const node of await light()) await cloud.api('DELETE', `/api/v1/nodes/${node.name}`);
    await cloud.api('POST', '/api/v1/nodes', { name: 'first', pod: 'light' });
    await cloud.api('POST', '/api/v1/pods/light/launch');
    for (let i = 1; i < NODES; i++) await cloud.api('POST', '/api/v1/nodes', { name: `n${i}`, pod: 'light' });
    const started = performance.now();
    const busy = busySeconds();
    await Promise.all(
      Array.from({ length: NODES - 1 }, () => cloud.api('POST', '/api/v1/pods/light/launch')),
    );
    await until(async () => (await light()).filter((n) => n.status === 'ONLINE').length === NODES, 'ONLINE');
    const onlineMs = performance.now() - started;
    const seen = new Set();
    await until(async () => {
      const res = await fetch(`${cloud.lbUrl}/light`).catch(() => undefined);
      if (res?.ok) seen.add((await res.json()).node);
      return seen.size === NODES;
    }, 'served by each node through HAProxy');
    return { ms: performance.now() - started, onlineMs, busy: busySeconds() - busy };
  } finally {
    await cloud.stop();
  }
}

const variants = {
  'docker service scale': plainSwarm,
  'strato, swarm runtime': () => stratoCloud('swarm'),
  'strato, docker runtime': () => stratoCloud('docker'),
};
const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
const details = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const result = await run(round);
    times[name].push(result.ms);
    details[name].push(result);
    const online =
      result.onlineMs === undefined ? '' : `, all ONLINE after ${Math.round(result.onlineMs)} ms`;
    const cores = result.busy / (result.ms / 1000);
    console.error(
      `round ${round + 1}: ${name}: ${Math.round(result.ms)} ms${online}; machine busy ${result.busy.toFixed(2)} CPU s (${cores.toFixed(2)} cores)`,
    );
  }
}
const base = median(times['docker service scale']);
console.log(
  `\n| 1 -> ${NODES} light nodes serving | median of ${ROUNDS} | runs | vs docker service scale | all ONLINE | machine busy |`,
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, runs] of Object.entries(times)) {
  const m = median(runs);
  const delta =
    name === 'docker service scale' ? '' : `${m >= base ? '+' : ''}${((m - base) / 1000).toFixed(2)} s`;
  const online = details[name].map((d) => d.onlineMs).filter((ms) => ms !== undefined);
  const onlineCell = online.length === 0 ? '' : `${(median(online) / 1000).toFixed(2)} s`;
  const busy = median(details[name].map((d) => d.busy));
  console.log(
    `| ${name} | ${(m / 1000).toFixed(2)} s | ${runs.map((r) => (r / 1000).toFixed(2)).join(', ')} s | ${delta} | ${onlineCell} | ${busy.toFixed(2)} CPU s |`,
  );
}
