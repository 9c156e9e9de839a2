#!/usr/bin/env node
// Benchmark: batch jobs on docker + haproxy and process + embedded, in one run. For each: queued -> running
// latency (p50/p95 of 40 short jobs, from the manager's own timestamps), requeue time after a node is killed
// under a running job (kill -> attempt 2 running, and -> SUCCEEDED), and a backlog of heavy jobs drained by one
// fixed node and by the pod scaling on the jobBacklog metric (time to drain, peak nodes, time back to 1 node).
// Usage: node tools/bench/jobs.mjs [--runtimes=docker,process] [--heavy=40] [--scale=0.5] [--max-nodes=4]
import { request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { startBenchCloud } from './cloud-process.mjs';

const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const RUNTIMES = arg('runtimes', 'docker,process').split(',');
const HEAVY = Number(arg('heavy', '40'));
const SCALE = Number(arg('scale', '0.5'));
const MAX_NODES = Number(arg('max-nodes', '4'));
const LB = { docker: 'haproxy', process: 'embedded' };
const FINAL = new Set(['SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT']);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function waitFor(what, check, timeoutMs, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function submit(cloud, body) {
  const answer = await cloud.api('POST', '/api/v1/jobs', body);
  return Array.isArray(answer) ? answer : [answer];
}

async function untilEnded(cloud, ids, timeoutMs) {
  return waitFor(
    `${ids.length} jobs to end`,
    async () => {
      const jobs = await Promise.all(ids.map((id) => cloud.api('GET', `/api/v1/jobs/${id}`)));
      return jobs.every((j) => FINAL.has(j.status)) && jobs;
    },
    timeoutMs,
    100,
  );
}

async function nodes(cloud, pod) {
  return cloud.api('GET', `/api/v1/nodes?pod=${pod}`);
}

async function launch(cloud, pod, names) {
  for (const name of names) {
    await cloud.api('POST', '/api/v1/nodes', { name, pod });
    await cloud.api('POST', `/api/v1/pods/${pod}/launch`);
  }
}

function dockerApi(method, path) {
  return new Promise((ok, fail) => {
    const req = request({ socketPath: '/var/run/docker.sock', method, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => ok({ status: res.statusCode, body: body ? JSON.parse(body) : undefined }));
    });
    req.once('error', fail);
    req.end();
  });
}

/** kill -9 of the node: its container, or its job-server process (found by its --strato-node marker). */
async function killNode(cloudName, runtime, node) {
  if (runtime === 'docker') {
    const filters = encodeURIComponent(
      JSON.stringify({ label: [`strato.cloud=${cloudName}`, `strato.node=${node}`] }),
    );
    const { body } = await dockerApi('GET', `/containers/json?filters=${filters}`);
    if (!body[0]) throw new Error(`no container for node ${node}`);
    await dockerApi('POST', `/containers/${body[0].Id}/kill`);
    return;
  }
  const marker = `--strato-node=${cloudName}/${node}`;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(marker)) {
        process.kill(Number(pid), 'SIGKILL');
        return;
      }
    } catch {
      // gone while we looked
    }
  }
  throw new Error(`no process for node ${node}`);
}

/** 40 jobs of 0.3 s on 4 free light nodes, 10 waves: every start waits for a free node, not for a tick. */
async function dispatchLatency(cloud) {
  const ids = [];
  for (let wave = 0; wave < 10; wave++) {
    const jobs = await Promise.all(
      Array.from({ length: 4 }, () =>
        submit(cloud, { pod: 'light', workload: { name: 'sleep', params: { seconds: 0.3 } } }),
      ),
    );
    ids.push(...jobs.flat().map((j) => j.id));
    await untilEnded(cloud, ids.slice(-4), 30_000);
  }
  const jobs = await untilEnded(cloud, ids, 30_000);
  const waits = jobs.map((j) => Date.parse(j.startedAt) - Date.parse(j.queuedAt));
  return { p50: percentile(waits, 50), p95: percentile(waits, 95), max: Math.max(...waits), n: waits.length };
}

/** A job whose first attempt waits forever; its node is killed; a later attempt ends at once. */
async function requeueAfterKill(cloud, runtime) {
  const source = `if (process.env.STRATO_JOB_ATTEMPT === '1') setInterval(() => {}, 1000); else console.log('again');`;
  const times = [];
  for (let trial = 0; trial < 3; trial++) {
    const [job] = await submit(cloud, { pod: 'light', script: { interpreter: 'node', source } });
    const running = await waitFor(
      'the first attempt',
      async () => {
        const j = await cloud.api('GET', `/api/v1/jobs/${job.id}`);
        return j.status === 'RUNNING' && j;
      },
      30_000,
      20,
    );
    await sleep(300);
    const killed = performance.now();
    await killNode(cloud.name, runtime, running.node);
    await waitFor(
      'attempt 2 to run',
      async () => {
        const j = await cloud.api('GET', `/api/v1/jobs/${job.id}`);
        return j.attempt >= 2 && j.status !== 'QUEUED';
      },
      30_000,
      20,
    );
    const rerun = performance.now() - killed;
    const [ended] = await untilEnded(cloud, [job.id], 30_000);
    if (ended.status !== 'SUCCEEDED') throw new Error(`job ${job.id} ended ${ended.status}`);
    times.push({ rerun, succeeded: performance.now() - killed, from: running.node, to: ended.node });
    await cloud.api('DELETE', `/api/v1/nodes/${running.node}`);
  }
  return times;
}

/** HEAVY heavy jobs on the heavy pod: one fixed node, then elasticity on jobBacklog up to MAX_NODES. */
async function drain(cloud, elastic) {
  if (elastic) {
    await cloud.api('POST', '/api/v1/pods/heavy/elasticity/enable', { minNodes: 1, maxNodes: MAX_NODES });
    await cloud.api('PUT', '/api/v1/pods/heavy/elasticity', {
      kind: 'target-tracking',
      metric: 'jobBacklog',
      target: 1,
      scaleInStabilizationMs: 5_000,
      windowMs: 1000,
    });
  }
  const started = performance.now();
  const jobs = await submit(cloud, {
    pod: 'heavy',
    count: HEAVY,
    workload: { name: 'heavy', params: { scale: SCALE } },
  });
  let peak = 0;
  let all;
  await waitFor(
    'the backlog to drain',
    async () => {
      const online = (await nodes(cloud, 'heavy')).filter((n) => n.status === 'ONLINE').length;
      peak = Math.max(peak, online);
      all = await cloud.api('GET', `/api/v1/jobs?array=${jobs[0].array.id}&limit=${HEAVY}`);
      return all.every((j) => FINAL.has(j.status));
    },
    600_000,
    200,
  );
  const drainedMs = performance.now() - started;
  const failed = all.filter((j) => j.status !== 'SUCCEEDED').length;
  let shrinkMs = 0;
  if (elastic) {
    const drained = performance.now();
    await waitFor(
      'the pod to shrink to 1 node',
      async () => {
        const list = await nodes(cloud, 'heavy');
        return list.length === 1 && list[0].status === 'ONLINE';
      },
      120_000,
      200,
    );
    shrinkMs = performance.now() - drained;
    await cloud.api('POST', '/api/v1/pods/heavy/elasticity/disable');
  }
  return { drainedMs, peak, failed, shrinkMs };
}

const results = [];
for (const runtime of RUNTIMES) {
  const cloud = await startBenchCloud({ runtime, lb: LB[runtime] });
  try {
    await cloud.api('POST', '/api/v1/cloud/init');
    await launch(cloud, 'light', ['l1', 'l2', 'l3', 'l4']);
    await launch(cloud, 'heavy', ['h1']);
    const latency = await dispatchLatency(cloud);
    console.log(
      `${runtime}: queued -> running p50 ${latency.p50} ms, p95 ${latency.p95} ms, max ${latency.max} ms (${latency.n} jobs)`,
    );
    const requeue = await requeueAfterKill(cloud, runtime);
    for (const t of requeue)
      console.log(
        `${runtime}: node ${t.from} killed -> attempt 2 running ${t.rerun.toFixed(0)} ms, SUCCEEDED on ${t.to} ${t.succeeded.toFixed(0)} ms`,
      );
    const fixed = await drain(cloud, false);
    console.log(
      `${runtime}: ${HEAVY} heavy jobs (scale ${SCALE}) on 1 fixed node: ${(fixed.drainedMs / 1000).toFixed(1)} s, ${fixed.failed} not SUCCEEDED`,
    );
    const elastic = await drain(cloud, true);
    console.log(
      `${runtime}: same with jobBacklog elasticity (1-${MAX_NODES} nodes): ${(elastic.drainedMs / 1000).toFixed(1)} s, peak ${elastic.peak} nodes, back to 1 node ${(elastic.shrinkMs / 1000).toFixed(1)} s after, ${elastic.failed} not SUCCEEDED`,
    );
    results.push({ runtime, latency, requeue, fixed, elastic });
  } finally {
    await cloud.stop();
  }
}

console.log(
  '\n| runtime + balancer | queued→running p50 / p95 / max | kill → attempt 2 running (median of 3) | kill → SUCCEEDED | 1 fixed node | jobBacklog elastic | speed-up | peak nodes | back to 1 node |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const { runtime, latency, requeue, fixed, elastic } of results) {
  const mid = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(0);
  console.log(
    `| ${runtime} + ${LB[runtime]} | ${latency.p50} / ${latency.p95} / ${latency.max} ms | ${mid(requeue.map((t) => t.rerun))} ms | ${mid(requeue.map((t) => t.succeeded))} ms | ${(fixed.drainedMs / 1000).toFixed(1)} s | ${(elastic.drainedMs / 1000).toFixed(1)} s | ${(fixed.drainedMs / elastic.drainedMs).toFixed(2)}× | ${elastic.peak} | ${(elastic.shrinkMs / 1000).toFixed(1)} s |`,
  );
}
