import { createStratoClient, type StratoClient, unwrap } from '@strato/api-client';
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
 * The dashboard as an owner uses it, in Chromium, on Docker + HAProxy: it logs in, shows what the
 * CLI changes without a reload (the live stream), says when it lost the manager and recovers by itself.
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
