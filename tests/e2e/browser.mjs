// Debian's Chromium, driven by playwright-core: headless, no sandbox (containers), a fresh
// profile per context, nothing downloaded.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const kArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Pages that load ECharts (1 MB, compressed per request) can take tens of seconds to load on a
// loaded machine: `openChartBrowser` waits that long for every page event.
const kChartWaitMs = 120000;

export async function openChartBrowser(options = {}) {
  const browser = await openBrowser(options);
  browser.page.setDefaultTimeout(kChartWaitMs);
  browser.page.setDefaultNavigationTimeout(kChartWaitMs);
  return browser;
}

export async function openBrowser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'qingfeng-chromium-'));
  // launchPersistentContext is how playwright takes --user-data-dir: a fresh one per context.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: kArgs,
    locale: 'zh-CN',
    ...options,
  });
  const page = context.pages()[0] || await context.newPage();
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
