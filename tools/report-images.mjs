#!/usr/bin/env node
// Saves each chart of a report.html (cloud experiment …, cloud report --html) as a PNG, for docs:
//   node tools/report-images.mjs REPORT.html OUT_DIR [PREFIX]
// Opens the file offline in the system Chromium (playwright-core); nothing but the file is loaded.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const [html, outDir, prefix = 'chart'] = process.argv.slice(2);
if (!html || !outDir) {
  process.stderr.write('usage: node tools/report-images.mjs REPORT.html OUT_DIR [PREFIX]\n');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 800 }, deviceScaleFactor: 1 });
  await page.route('**/*', (route) =>
    route.request().url().startsWith('file://') ? route.continue() : route.abort(),
  );
  await page.goto(`file://${resolve(html)}`);
  const figures = await page.$$('figure.chart');
  for (const [i, figure] of figures.entries()) {
    const file = resolve(outDir, `${prefix}-${String(i + 1).padStart(2, '0')}.png`);
    await figure.screenshot({ path: file });
    const title = await figure.$eval('figcaption', (c) => c.textContent ?? '');
    process.stdout.write(`${file}  ${title}\n`);
  }
} finally {
  await browser.close();
}
