import { createStratoClient, type StratoClient, unwrap } from '@strato/api-client';
import { runLoad, steps } from '@strato/loadgen';
import { describeNeeding, findChromium } from '@strato/test-infrastructure';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { cloud } from './support/cli';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { WORKSPACE } from './support/paths';

const SCREENSHOTS = join(WORKSPACE, 'docs/images/dashboard');
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

/**
 * The dashboard as an owner uses it, in Chromium, on Docker + HAProxy: it logs in, launches a node
 * from a pod page, shows what the CLI changes without a reload (the live stream), charts the load and
 * the scale-out it causes with its reason, says when it lost the manager and recovers by itself.
 */
describeNeeding(['docker', 'nodeImage', 'haproxy', 'chromium'])(
  'the dashboard in Chromium on docker + haproxy: live, and honest about its connection',
  () => {
    let running: RunningCloud;
    let api: StratoClient;
    let browser: Browser;
    let page: Page;
    const consoleErrors: string[] = [];
    /** While the manager is down the browser itself logs each failed reconnect; those are counted apart. */
    const whileDown: string[] = [];
    let managerDown = false;
    const cli = (...args: string[]) => cloud(args, running.cliEnv);
    const card = (pod: string) =>
      page.locator('strato-pod-card', { has: page.locator('h2', { hasText: pod }) });
    const liveState = () => page.locator('.live-state');
    const nodeRow = (name: string) => page.locator(`tr[data-node="${name}"]`);
    const openPod = async (pod: string) => {
      await page.locator('nav a', { hasText: 'Overview' }).click();
      await card(pod).locator('h2 a').click();
      await page.locator('h2.pod-name', { hasText: pod }).waitFor();
    };
    const screenshots = async (name: string) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
      await page.setViewportSize(PHONE);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
      await page.setViewportSize(DESKTOP);
    };

    beforeAll(async () => {
      running = await startCloud({ runtime: 'docker', lb: 'haproxy' });
      api = createStratoClient({ baseUrl: running.managerUrl, token: running.token });
      browser = await chromium.launch({ executablePath: findChromium() ?? '/usr/bin/chromium' });
      page = await browser.newPage({ viewport: DESKTOP });
      page.on('console', (message) => {
        // A refused token is a 401 the browser logs as a failed resource; the page itself must log no error.
        if (message.type() !== 'error' || message.text().includes('401')) return;
        (managerDown ? whileDown : consoleErrors).push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(String(error)));
      mkdirSync(SCREENSHOTS, { recursive: true });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await running?.stop();
    });

    it('refuses a wrong token with a message, then logs in and shows the three pods after cloud init', async () => {
      expect((await cli('init')).code).toBe(0);
      await page.goto(`${running.managerUrl}/`);
      await page.fill('#owner-token', 'not-the-owner-token');
      await page.click('button[type=submit]');
      await page.locator('.notice--warn', { hasText: 'refused this owner token' }).waitFor();

      await page.fill('#owner-token', running.token);
      await page.click('button[type=submit]');
      await liveState().filter({ hasText: 'Live' }).waitFor();
      await page.locator('strato-pod-card').nth(2).waitFor();
      expect(await page.locator('strato-pod-card h2').allTextContents()).toEqual(
        expect.arrayContaining(['light', 'medium', 'heavy']),
      );
      expect(await page.locator('.notice--warn').count()).toBe(0);
    });

    it('launches a node from the pod page and shows it turn ONLINE', async () => {
      await openPod('light');
      await page.locator('.no-nodes').waitFor();
      await page.fill('input[name=node-name]', 'ui1');
      await page.locator('button', { hasText: 'Add node' }).click();
      await nodeRow('ui1').locator('strato-status-badge', { hasText: 'ONLINE' }).waitFor({ timeout: 60_000 });
      await nodeRow('ui1').locator('.health-pill[data-health=up]').waitFor({ timeout: 15_000 });
      const node = await unwrap(api.GET('/api/v1/nodes/{name}', { params: { path: { name: 'ui1' } } }));
      expect(node).toMatchObject({ pod: 'light', status: 'ONLINE' });
      await page.locator('nav a', { hasText: 'Overview' }).click();
    }, 90_000);

    it('shows a node launched from the CLI turn ONLINE, and a paused pod, without a reload', async () => {
      let reloads = 0;
      page.on('framenavigated', () => reloads++);
      expect((await cli('register', 'n1', 'light')).code).toBe(0);
      expect((await cli('launch', 'light')).code).toBe(0);
      await card('light')
        .locator('tr', { hasText: 'n1' })
        .locator('text=ONLINE')
        .waitFor({ timeout: 10_000 });

      expect((await cli('pause', 'light')).code).toBe(0);
      await card('light')
        .locator('.head', { hasText: /paused/i })
        .waitFor({ timeout: 10_000 });
      expect(reloads).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'overview-desktop.png'), fullPage: true });
      await page.setViewportSize(PHONE);
      await page.screenshot({ path: join(SCREENSHOTS, 'overview-phone.png'), fullPage: true });
      await page.setViewportSize(DESKTOP);
      expect((await cli('resume', 'light')).code).toBe(0);
      await card('light')
        .locator('.head', { hasText: /running/i })
        .waitFor({ timeout: 10_000 });
    });

    it('charts the load as it comes, and the scale-out it causes with its reason', async () => {
      const policy = ['--policy', 'threshold', '--metric', 'cpu', '--lower', '20', '--upper', '60'];
      const pacing = ['--step', '1', '--cooldown-up', '2000', '--cooldown-down', '3000', '--window', '2000'];
      expect((await cli('elasticity', 'enable', 'light', '1', '4')).code).toBe(0);
      expect((await cli('elasticity', 'set', 'light', ...policy, ...pacing)).code).toBe(0);
      await openPod('light');
      const throughput = page.locator('figure[data-chart=throughput]');
      const before = Number(await throughput.getAttribute('data-points'));

      const load = runLoad({
        target: `${running.lbUrl}/light`,
        schedule: steps([{ rate: 250, durationMs: 25_000 }]),
        timeoutMs: 15_000,
      });
      try {
        await page.waitForFunction(
          () =>
            Number(document.querySelector('figure[data-chart=throughput]')?.getAttribute('data-latest')) >=
            50,
          undefined,
          { timeout: 20_000 },
        );
        const scaleOut = page.locator('.scaling-event[data-type=ScaleOut]', {
          hasText: 'AboveUpperThreshold',
        });
        await scaleOut.first().waitFor({ timeout: 30_000 });
        expect(await scaleOut.first().locator('.message').textContent()).toMatch(/cpu: \d+ node\(s\) at/);
        expect(Number(await throughput.getAttribute('data-points'))).toBeGreaterThan(before);
        await screenshots('pod');
      } finally {
        await load;
      }

      await page.locator('nav a', { hasText: 'Events' }).click();
      await page.selectOption('select[name=kind]', 'scaling');
      const row = page.locator('li.event[data-type=ScaleOut]', { hasText: 'AboveUpperThreshold' });
      await row.first().waitFor({ timeout: 10_000 });
      expect(page.url()).toContain('kind=scaling');
      await page.screenshot({ path: join(SCREENSHOTS, 'events-desktop.png'), fullPage: true });
      expect((await cli('elasticity', 'disable', 'light')).code).toBe(0);
      await page.locator('nav a', { hasText: 'Overview' }).click();
    }, 120_000);

    it('says disconnected while the manager is down, and recovers without a reload when it is back', async () => {
      let reloads = 0;
      page.on('framenavigated', () => reloads++);
      managerDown = true;
      const restarting = running.restartManager('SIGKILL', 6000);
      await liveState().filter({ hasText: 'Disconnected' }).waitFor({ timeout: 10_000 });
      await page.locator('.notice--error', { hasText: 'Disconnected from the manager' }).waitFor();
      await restarting;
      await liveState().filter({ hasText: 'Live' }).waitFor({ timeout: 15_000 });
      managerDown = false;
      expect(whileDown.every((text) => /^Failed to load resource: net::ERR_/.test(text))).toBe(true);

      // A change made after the restart shows: the page follows the new manager.
      await unwrap(api.POST('/api/v1/nodes', { body: { name: 'n2', pod: 'medium' } }));
      await card('medium').locator('tr', { hasText: 'n2' }).waitFor({ timeout: 10_000 });
      expect(await page.locator('.notice--error').count()).toBe(0);
      expect(reloads).toBe(0);
    });

    it('logged no console error on the way (but the failed reconnects while the manager was down)', () => {
      expect(consoleErrors).toEqual([]);
    });
  },
);
