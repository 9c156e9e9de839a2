#!/usr/bin/env node
// Benchmark: reconciler pass time on a real cloud (docker + haproxy), with no node and with the 45 nodes
// of the three course pods all ONLINE (20 light, 15 medium, 10 heavy), in the same run. Each pass lists
// the agent's containers, reads HAProxy's `show stat` and compares them with the store; the figure is
// the manager's own `lastPassMs` (GET /api/v1/cloud/status), sampled once per pass.
// Usage: node tools/bench/reconciler-docker.mjs
import { median, startBenchCloud } from './cloud-process.mjs';

const SAMPLES = 15;
const PODS = { light: 20, medium: 15, heavy: 10 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function samplePasses(cloud) {
  const seen = new Map();
  while (seen.size < SAMPLES) {
    const { reconciler } = await cloud.api('GET', '/api/v1/cloud/status');
    if (reconciler.lastPassAt) seen.set(reconciler.lastPassAt, reconciler.lastPassMs);
    await sleep(500);
  }
  const values = [...seen.values()];
  return { median: median(values), max: Math.max(...values) };
}

const cloud = await startBenchCloud({ runtime: 'docker', lb: 'haproxy' });
try {
  await cloud.api('POST', '/api/v1/cloud/init');
  const empty = await samplePasses(cloud);
  for (const [pod, count] of Object.entries(PODS)) {
    for (let i = 0; i < count; i++) await cloud.api('POST', '/api/v1/nodes', { name: `${pod[0]}${i}`, pod });
    for (let i = 0; i < count; i++) await cloud.api('POST', `/api/v1/pods/${pod}/launch`);
  }
  const online = (await cloud.api('GET', '/api/v1/nodes')).filter((n) => n.status === 'ONLINE').length;
  const full = await samplePasses(cloud);
  console.log('\n| ONLINE docker nodes | pass median | pass max |');
  console.log('| --- | --- | --- |');
  console.log(`| 0 | ${empty.median.toFixed(1)} ms | ${empty.max.toFixed(1)} ms |`);
  console.log(`| ${online} | ${full.median.toFixed(1)} ms | ${full.max.toFixed(1)} ms |`);
  console.log(`\nratio 45 nodes / none (median): ${(full.median / empty.median).toFixed(2)}`);
} finally {
  await cloud.stop();
}
