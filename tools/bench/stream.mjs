#!/usr/bin/env node
// Benchmark: the live stream (GET /api/v1/stream?metrics=true, as the dashboard opens it: events and a
// metrics frame every second) on a process + embedded cloud. Latency from a change
// (the PUT that makes it, called by this script) to its event on every open stream client, p50 / p95 of
// 100 changes 150 ms apart, with 1 and with 10 clients (what 10 open dashboards hold); and what the
// streams cost: CPU of the cloud's processes (manager, agent, start.mjs; from /proc) over 15 s idle and
// over 15 s of 10 changes per second, with no client and with 10.
// Usage: node tools/bench/stream.mjs   (Linux: reads /proc)
import { readdirSync, readFileSync } from 'node:fs';
import { EventSource } from 'eventsource';
import { startBenchCloud } from './cloud-process.mjs';

const CHANGES = 100;
const COST_SECONDS = 15;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** CPU ticks (1/100 s) used so far by `root` and every process under it. */
function treeTicks(root) {
  const parents = new Map();
  const ticks = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      parents.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid) => {
    for (let p = pid; p > 1; p = parents.get(p) ?? 0) if (p === root) return true;
    return false;
  };
  return [...ticks].filter(([pid]) => inTree(pid)).reduce((sum, [, t]) => sum + t, 0);
}

function openClients(cloud, count) {
  const seen = [];
  const metricsFrames = Array(count).fill(0);
  const clients = Array.from({ length: count }, (_, i) => {
    seen[i] = [];
    const source = new EventSource(`${cloud.manager}/api/v1/stream?metrics=true`, {
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...init?.headers, authorization: `Bearer ${cloud.token}` } }),
    });
    source.addEventListener('metrics', () => metricsFrames[i]++);
    source.addEventListener('events', (e) => {
      const at = performance.now();
      for (const event of JSON.parse(e.data).events) seen[i].push({ ...event, receivedAt: at });
    });
    return source;
  });
  const open = () => clients.every((c) => c.readyState === EventSource.OPEN);
  return { clients, seen, metricsFrames, open, close: () => clients.forEach((c) => c.close()) };
}

async function latency(cloud, count) {
  const streams = openClients(cloud, count);
  while (!streams.open()) await sleep(20);
  await sleep(300);
  const samples = [];
  for (let i = 0; i < CHANGES; i++) {
    const before = streams.seen.map((s) => s.length);
    const startedAt = performance.now();
    await cloud.api('PUT', '/api/v1/nodes/n1/weight', { weight: i % 2 ? 1 : 2 });
    const arrivals = await Promise.all(
      streams.seen.map(async (events, c) => {
        for (;;) {
          const got = events.slice(before[c]).find((e) => e.type === 'WeightChanged');
          if (got) return got.receivedAt;
          await sleep(1);
        }
      }),
    );
    samples.push(...arrivals.map((at) => at - startedAt));
    await sleep(150);
  }
  streams.close();
  return { count, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
}

async function cost(cloud, count, changesPerSecond) {
  const streams = openClients(cloud, count);
  while (!streams.open()) await sleep(20);
  await sleep(1000);
  const ticks0 = treeTicks(cloud.pid);
  const t0 = performance.now();
  let changes = 0;
  while (performance.now() - t0 < COST_SECONDS * 1000) {
    if (changesPerSecond > 0) {
      await cloud.api('PUT', '/api/v1/nodes/n1/weight', { weight: changes++ % 2 ? 1 : 2 });
      await sleep(1000 / changesPerSecond);
    } else await sleep(100);
  }
  const percent = (treeTicks(cloud.pid) - ticks0) / ((performance.now() - t0) / 1000);
  const delivered = streams.seen.reduce((sum, s) => sum + s.length, 0);
  const metrics = streams.metricsFrames.reduce((sum, n) => sum + n, 0);
  streams.close();
  await sleep(300);
  return { count, changesPerSecond, percent, delivered, metrics };
}

const cloud = await startBenchCloud({ runtime: 'process', lb: 'embedded' });
try {
  await cloud.api('POST', '/api/v1/cloud/init');
  await cloud.api('POST', '/api/v1/nodes', { name: 'n1', pod: 'light' });
  await cloud.api('POST', '/api/v1/pods/light/launch');
  const latencies = [await latency(cloud, 1), await latency(cloud, 10)];
  const costs = [];
  for (const rate of [0, 10]) for (const count of [0, 10]) costs.push(await cost(cloud, count, rate));
  console.log('| stream clients | changes | change → event p50 | p95 | max |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const l of latencies)
    console.log(
      `| ${l.count} | ${CHANGES}, 150 ms apart | ${l.p50.toFixed(1)} ms | ${l.p95.toFixed(1)} ms | ${l.max.toFixed(1)} ms |`,
    );
  console.log(
    '\n| stream clients | changes / s | CPU of the cloud (% of one core) | events delivered | metrics frames |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const c of costs)
    console.log(
      `| ${c.count} | ${c.changesPerSecond} | ${c.percent.toFixed(1)} % | ${c.delivered} | ${c.metrics} |`,
    );
} finally {
  await cloud.stop();
}
