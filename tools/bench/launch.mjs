#!/usr/bin/env node
// Benchmark: time from `cloud launch` (POST /api/v1/pods/light/launch) to the node serving a request
// through the load balancer, median of 10 launches one at a time; then 20 light nodes launched at once.
// Runs docker + haproxy and process + embedded in the same run. Usage: node tools/bench/launch.mjs
import { median, startBenchCloud } from './cloud-process.mjs';

const RUNS = 10;
const PARALLEL = 20;

async function servedBy(lbUrl, node, deadline) {
  while (Date.now() < deadline) {
    const res = await fetch(`${lbUrl}/light`).catch(() => undefined);
    if (res?.ok && (await res.json()).node === node) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

async function bench(runtime, lb) {
  const cloud = await startBenchCloud({ runtime, lb });
  try {
    await cloud.api('POST', '/api/v1/cloud/init');
    // A tiny job: the time measured is the launch, not the work.
    await cloud.api('PATCH', '/api/v1/pods/light', { job: { scale: 0.01 } });
    const launches = [];
    for (let i = 0; i < RUNS; i++) {
      const name = `b${i}`;
      await cloud.api('POST', '/api/v1/nodes', { name, pod: 'light' });
      const started = performance.now();
      await cloud.api('POST', '/api/v1/pods/light/launch');
      if (!(await servedBy(cloud.lbUrl, name, Date.now() + 10_000))) throw new Error(`${name} never served`);
      launches.push(performance.now() - started);
      await cloud.api('DELETE', `/api/v1/nodes/${name}`);
    }
    for (let i = 0; i < PARALLEL; i++)
      await cloud.api('POST', '/api/v1/nodes', { name: `p${i}`, pod: 'light' });
    const started = performance.now();
    await Promise.all(Array.from({ length: PARALLEL }, () => cloud.api('POST', '/api/v1/pods/light/launch')));
    const allOnline = performance.now() - started;
    const nodes = await cloud.api('GET', '/api/v1/nodes?pod=light');
    const online = nodes.filter((n) => n.status === 'ONLINE').length;
    for (const n of nodes.filter((n) => n.status !== 'ONLINE'))
      console.log(`${runtime} + ${lb}: ${n.name} is ${n.status} (${n.reason ?? 'no reason'})`);
    return { runtime, lb, launches, allOnline, online };
  } finally {
    await cloud.stop();
  }
}

const results = [];
for (const [runtime, lb] of [
  ['docker', 'haproxy'],
  ['process', 'embedded'],
]) {
  results.push(await bench(runtime, lb));
}
const fmt = (ms) => `${Math.round(ms)} ms`;
console.log(
  '\n| runtime + balancer | launch → serving, median of 10 | min – max | 20 light nodes at once: all ONLINE |',
);
console.log('| --- | --- | --- | --- |');
for (const r of results) {
  console.log(
    `| ${r.runtime} + ${r.lb} | ${fmt(median(r.launches))} | ${fmt(Math.min(...r.launches))} – ${fmt(Math.max(...r.launches))} | ${fmt(r.allOnline)} (${r.online}/20 ONLINE) |`,
  );
}
const [docker, proc] = results;
console.log(
  `\nratio docker/process (median launch): ${(median(docker.launches) / median(proc.launches)).toFixed(2)}`,
);
