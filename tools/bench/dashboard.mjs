#!/usr/bin/env node
// Benchmark: the dashboard in Chromium (playwright-core, system Chromium) on a process + embedded cloud
// with 45 ONLINE nodes (20 light, 15 medium, 10 heavy) under load (a bounded request loop on the
// balancer, LOAD below). Latency from a change (the API call that makes it, timed here) to its appearance in the
// page (timed in the page with Date.now(), on the same clock): a node registered (in a fourth pod,
// "probe") shows as a row of its pod's card, a node removed goes away; p50 / p95 / max over CHANGES of each. Also: console errors the
// page logged, and the stream's metrics frames reaching the page (the overview's req/s moves).
// Needs the dashboard built (npx nx build dashboard). Usage: node tools/bench/dashboard.mjs
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startBenchCloud } from './cloud-process.mjs';

const root = resolve(import.meta.dirname, '../..');
const CHANGES = 40;
const NODES = { light: 20, medium: 15, heavy: 10 };
/** Requests per second on each pod: the light job is cheap, the heavy one costs about a core-second. */
const LOAD = { light: 80, medium: 10, heavy: 1 };
const LOAD_SECONDS_MAX = 300;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

if (!existsSync(resolve(root, 'dist/apps/dashboard/browser/index.html'))) {
  console.error('build the dashboard first: npx nx build dashboard');
  process.exit(1);
}

/** Requests to the balancer at about `rate` per second until stop() or LOAD_SECONDS_MAX. */
function startLoad(url, rate) {
  let running = true;
  let sent = 0;
  let ok = 0;
  const until = Date.now() + LOAD_SECONDS_MAX * 1000;
  const loop = (async () => {
    const start = performance.now();
    const inFlight = new Set();
    while (running && Date.now() < until) {
      const due = start + (sent * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      sent++;
      const request = fetch(url)
        .then(async (res) => {
          await res.arrayBuffer();
          if (res.ok) ok++;
        })
        .catch(() => undefined)
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    await Promise.all(inFlight);
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { sent, ok };
    },
  };
}

const cloud = await startBenchCloud({ runtime: 'process', lb: 'embedded' });
let browser;
try {
  await cloud.api('POST', '/api/v1/cloud/init');
  // The probes' pod: the three others are at their maximum.
  await cloud.api('POST', '/api/v1/pods', { name: 'probe' });
  const launchStarted = performance.now();
  for (const [pod, count] of Object.entries(NODES)) {
    for (let i = 1; i <= count; i++) {
      await cloud.api('POST', '/api/v1/nodes', { name: `${pod}-${i}`, pod });
      await cloud.api('POST', `/api/v1/pods/${pod}/launch`);
    }
  }
  const online = (await cloud.api('GET', '/api/v1/nodes')).filter((n) => n.status === 'ONLINE').length;
  console.error(`${online} nodes ONLINE in ${((performance.now() - launchStarted) / 1000).toFixed(1)} s`);

  const loads = Object.entries(LOAD).map(([pod, rate]) => startLoad(`${cloud.lbUrl}/${pod}`, rate));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium' });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(`${cloud.manager}/`);
  await page.fill('#owner-token', cloud.token);
  await page.click('button[type=submit]');
  await page.locator('.live-state', { hasText: 'Live' }).waitFor({ timeout: 30_000 });
  await page.locator('strato-pod-card tr', { hasText: 'heavy-10' }).waitFor({ timeout: 30_000 });
  // The live figures arrive with the stream's metrics frames.
  await page.waitForFunction(
    () => {
      const rate = document.querySelector('.total-rate')?.textContent ?? '';
      return /^[1-9]\d* req\/s/.test(rate.trim());
    },
    undefined,
    { timeout: 30_000 },
  );
  await sleep(2000);

  // Watches the page from before the change: `window.probe` resolves with the page's Date.now() at the
  // DOM mutation that makes the row appear (or go).
  const watch = (name, present) =>
    page.evaluate(
      ({ name, present }) => {
        const shown = () =>
          [...document.querySelectorAll('strato-pod-card tr')].some((row) => row.textContent.includes(name));
        window.probe = new Promise((resolve, reject) => {
          const observer = new MutationObserver(() => {
            if (shown() !== present) return;
            observer.disconnect();
            resolve(Date.now());
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          setTimeout(() => reject(new Error(`${name} did not ${present ? 'appear' : 'go'} in 15 s`)), 15_000);
        });
      },
      { name, present },
    );
  const seenAt = () => page.evaluate(() => window.probe);
  const registered = [];
  const removed = [];
  for (let i = 0; i < CHANGES; i++) {
    const name = `probe-${i}`;
    await watch(name, true);
    const t0 = Date.now();
    await cloud.api('POST', '/api/v1/nodes', { name, pod: 'probe' });
    registered.push((await seenAt()) - t0);
    await sleep(150);
    await watch(name, false);
    const t1 = Date.now();
    await cloud.api('DELETE', `/api/v1/nodes/${name}`);
    removed.push((await seenAt()) - t1);
    await sleep(150);
  }
  const rate = (await page.locator('.total-rate').textContent()).trim();
  const served = await Promise.all(loads.map((l) => l.stop()));
  const perPod = Object.keys(LOAD)
    .map((pod, i) => `${pod} ${LOAD[pod]}/s: ${served[i].ok}/${served[i].sent} answered 2xx`)
    .join(', ');

  console.log(`${online} ONLINE nodes under load (${perPod}); the page showed "${rate}" at the end\n`);
  console.log('| change (API call → shown in the page) | samples | p50 | p95 | max |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [label, values] of [
    ['node registered → its row in the pod card', registered],
    ['node removed → its row gone', removed],
  ]) {
    console.log(
      `| ${label} | ${values.length} | ${percentile(values, 50)} ms | ${percentile(values, 95)} ms | ${Math.max(...values)} ms |`,
    );
  }
  console.log(
    `\nconsole errors in the page: ${consoleErrors.length}${consoleErrors.length ? '\n' + consoleErrors.join('\n') : ''}`,
  );
} finally {
  await browser?.close();
  await cloud.stop();
}
