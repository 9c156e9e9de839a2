#!/usr/bin/env node
// Benchmark: elasticity reaction time (a load step to the first request served by a new node), median of 5,
// on docker + haproxy and process + embedded with a 1 s tick, scaling on CPU and on queue depth in the same
// run; and flapping (scale direction changes) under a steady load near the upper CPU threshold.
// Usage: node tools/bench/elasticity.mjs [--runtimes=docker,process] [--metrics=cpu,queueDepth] [--no-flapping]
import { median, startBenchCloud } from './cloud-process.mjs';
import { openLoop } from './open-loop.mjs';

const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const RUNTIMES = arg('runtimes', 'docker,process').split(',');
const METRICS = arg('metrics', 'cpu,queueDepth,queueDepthWarm').split(',');
const FLAPPING = !process.argv.includes('--no-flapping');
const TRIALS = Number(arg('trials', '5'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const timing = { step: 1, scaleOutCooldownMs: 1000, scaleInCooldownMs: 5000, windowMs: 1000 };
const POLICIES = {
  cpu: { metric: 'cpu', lower: 20, upper: 60, warmNodes: 0, ...timing },
  // Requests in service or waiting per job thread: out once they wait, in below a third busy.
  queueDepth: { metric: 'queueDepth', lower: 0.3, upper: 1.5, warmNodes: 0, ...timing },
  // The same, with one warm node (STANDBY) that a scale-out promotes instead of booting a node.
  queueDepthWarm: { metric: 'queueDepth', lower: 0.3, upper: 1.5, warmNodes: 1, ...timing },
};

async function online(cloud) {
  return (await cloud.api('GET', '/api/v1/nodes?pod=light')).filter((n) => n.status === 'ONLINE');
}

/**
 * One serving node, `warm` warm nodes and nothing else: no launch or drain left over from the previous
 * trial, which would read as a reaction.
 */
async function settledAtOne(cloud, warm = 0) {
  const nodes = await cloud.api('GET', '/api/v1/nodes?pod=light');
  const count = (status) => nodes.filter((n) => n.status === status).length;
  return nodes.length === 1 + warm && count('ONLINE') === 1 && count('STANDBY') === warm;
}

async function waitFor(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(200);
  }
  return false;
}

async function reaction(cloud, warm) {
  await cloud.api('POST', '/api/v1/pods/light/elasticity/enable', { minNodes: 1, maxNodes: 6 });
  for (let attempt = 0; ; attempt++) {
    if (!(await waitFor(() => settledAtOne(cloud, warm), 60_000))) throw new Error('never settled at 1 node');
    await sleep(3000);
    if (await settledAtOne(cloud, warm)) break;
    if (attempt === 4) throw new Error('nodes keep joining or leaving with no load');
    console.log('a node joined or left with no load: waiting again');
  }
  const first = (await online(cloud))[0].name;
  let reactedAt;
  const startedWall = Date.now();
  const started = performance.now();
  const load = openLoop(`${cloud.lbUrl}/light`, 250, (body) => {
    if (body.node !== first && reactedAt === undefined) reactedAt = performance.now();
  });
  await waitFor(async () => reactedAt !== undefined, 20_000);
  const { failed } = load.stop();
  if (reactedAt === undefined) throw new Error('no new node served within 20 s');
  const phases = await phasesSince(cloud, startedWall, startedWall + (reactedAt - started));
  await waitFor(() => settledAtOne(cloud, warm), 60_000);
  return { ms: reactedAt - started, failed, phases };
}

/**
 * Where a reaction's time went, from the event log: load start -> scale-out decision (seeing the load),
 * -> node online (a launch: runtime start, boot, readiness, join; or a warm node's promotion), -> first
 * response from it (the balancer routing to it; negative: it answered before the online event was written).
 */
async function phasesSince(cloud, startedWall, reactedWall) {
  const events = (await cloud.api('GET', '/api/v1/events?pod=light&limit=200'))
    .map((e) => ({ ...e, t: Date.parse(e.at) }))
    .filter((e) => e.t >= startedWall)
    .sort((a, b) => a.t - b.t);
  const at = (type) => events.find((e) => e.type === type)?.t;
  const [decided, online] = [at('ScaleOut'), at('NodeOnline')];
  if (!decided || !online) return undefined;
  return { see: decided - startedWall, launch: online - decided, route: reactedWall - online };
}

async function flapping(cloud) {
  await cloud.api('PUT', '/api/v1/pods/light/elasticity', {
    ...POLICIES.cpu,
    scaleInCooldownMs: 15000,
    windowMs: 3000,
  });
  const before = (await cloud.api('GET', '/api/v1/events?pod=light&limit=1000')).length;
  const load = openLoop(`${cloud.lbUrl}/light`, 110, () => undefined);
  await sleep(60_000);
  const { sent, failed } = load.stop();
  const events = (await cloud.api('GET', '/api/v1/events?pod=light&limit=1000')).slice(
    0,
    -before || undefined,
  );
  const directions = events
    .reverse()
    .filter((e) => e.type === 'ScaleOut' || e.type === 'ScaleIn')
    .map((e) => e.type);
  const changes = directions.filter((d, i) => i > 0 && d !== directions[i - 1]).length;
  return { changes, steps: directions.length, sent, failed, nodes: (await online(cloud)).length };
}

async function bench(runtime, lb) {
  const cloud = await startBenchCloud({ runtime, lb });
  try {
    await cloud.api('POST', '/api/v1/cloud/init');
    const trials = {};
    for (const metric of METRICS) {
      const policy = POLICIES[metric];
      await cloud.api('PUT', '/api/v1/pods/light/elasticity', policy);
      trials[metric] = [];
      for (let i = 0; i < TRIALS; i++) trials[metric].push(await reaction(cloud, policy.warmNodes));
    }
    return { runtime, lb, trials, flap: FLAPPING ? await flapping(cloud) : undefined };
  } finally {
    await cloud.stop();
  }
}

const results = [];
for (const [runtime, lb] of [
  ['docker', 'haproxy'],
  ['process', 'embedded'],
].filter(([runtime]) => RUNTIMES.includes(runtime))) {
  results.push(await bench(runtime, lb));
}
console.log(
  '\n| runtime + balancer | metric | reaction, median of 5 | all 5 | see / launch / route, medians | failed requests |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  for (const [metric, trials] of Object.entries(r.trials)) {
    const ms = trials.map((t) => Math.round(t.ms));
    const failed = trials.reduce((s, t) => s + t.failed, 0);
    const phase = (key) => Math.round(median(trials.filter((t) => t.phases).map((t) => t.phases[key])));
    console.log(
      `| ${r.runtime} + ${r.lb} | ${metric} | ${Math.round(median(ms))} ms | ${ms.join(', ')} | ` +
        `${phase('see')} / ${phase('launch')} / ${phase('route')} ms | ${failed} |`,
    );
  }
}
console.log('\n| runtime + balancer | flapping (cpu): direction changes in 60 s at 110 req/s |');
console.log('| --- | --- |');
for (const r of results.filter((result) => result.flap)) {
  console.log(
    `| ${r.runtime} + ${r.lb} | ${r.flap.changes} (${r.flap.steps} scaling steps, ${r.flap.nodes} nodes at the end, ${r.flap.failed}/${r.flap.sent} failed) |`,
  );
}
