// The demo district's special work report in Debian's headless Chromium: builds a small demo
// district with `qingfeng demo --no-serve` (synth, init, import, check and the demo case book),
// renders `qingfeng report` as HTML, XLSX and Markdown
// into build/screenshots/, then screenshots the HTML (report.png, report-full.png) and prints it to
// A4 PDF (report.pdf, with page numbers). When BUILD_DIR/tests/report/report_test exists it also
// writes the hand-made case book's report (report-sample.*: every figure non-zero) and screenshots
// it as report-sample.png. Never downloads a browser.
//
//   node tests/report/screenshot.mjs [BUILD_DIR]     (BUILD_DIR default: build)
//   env: QINGFENG_BIN (default BUILD_DIR/qingfeng), QF_SCREENSHOTS (default build/screenshots),
//        CHROMIUM (default /usr/bin/chromium), QF_REPORT_PERSONS (default 2000)
// playwright-core comes from tests/e2e/node_modules (tests/e2e/run.sh installs it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const require = createRequire(join(root, 'tests/e2e/package.json'));
const { chromium } = require('playwright-core');

const buildDir = resolve(process.argv[2] || join(root, 'build'));
const bin = process.env.QINGFENG_BIN || join(buildDir, 'qingfeng');
const shots = resolve(process.env.QF_SCREENSHOTS || join(root, 'build/screenshots'));
const persons = process.env.QF_REPORT_PERSONS || '2000';
mkdirSync(shots, { recursive: true });

const work = mkdtempSync(join(tmpdir(), 'qingfeng-report-'));
const db = `sqlite:${join(work, 'qingfeng.db')}`;
const run = (...args) =>
  execFileSync(bin, ['--db', db, ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

// The latest year that has payments: the report covers it.
function latestYear(csv) {
  const lines = readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0].split(',');
  const col = header.findIndex((h) => h === 'paid_date' || h === '发放日期');
  let year = 0;
  for (const line of lines.slice(1)) {
    const y = parseInt((line.split(',')[col] || '').slice(0, 4), 10);
    if (y > year) year = y;
  }
  return year || new Date().getFullYear();
}

let browser;
try {
  const data = join(work, 'district');
  run('demo', '--persons', persons, '--seed', '7', '--data-dir', work, '--no-serve');
  const year = String(latestYear(join(data, 'payments.csv')));
  for (const format of ['html', 'xlsx', 'md']) {
    run('report', '--period', year, '--format', format, '--out', join(shots, `report.${format}`));
  }
  for (const format of ['html', 'xlsx', 'md']) {
    if (statSync(join(shots, `report.${format}`)).size === 0) throw new Error(`empty report.${format}`);
  }

  const reportTest = join(buildDir, 'tests/report/report_test');
  const sample = existsSync(reportTest);
  if (sample) {
    execFileSync(reportTest, ['--gtest_filter=RenderTest.WritesTheSampleReportWhenAsked'], {
      cwd: root, env: { ...process.env, QF_REPORT_SAMPLE_DIR: shots }, stdio: ['ignore', 'ignore', 'inherit'],
    });
  }

  const profile = join(work, 'chromium-profile');
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    locale: 'zh-CN',
    viewport: { width: 900, height: 1270 },
  });
  const page = browser.pages()[0] || await browser.newPage();
  await page.goto(pathToFileURL(join(shots, 'report.html')).href);
  const title = await page.locator('h1').innerText();
  if (!title.includes('专项工作情况的报告')) throw new Error(`unexpected title: ${title}`);
  await page.screenshot({ path: join(shots, 'report.png') });
  await page.screenshot({ path: join(shots, 'report-full.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: join(shots, 'report.pdf'), format: 'A4', preferCSSPageSize: true });
  if (sample) {
    await page.emulateMedia({ media: 'screen' });
    await page.goto(pathToFileURL(join(shots, 'report-sample.html')).href);
    await page.screenshot({ path: join(shots, 'report-sample.png') });
    await page.screenshot({ path: join(shots, 'report-sample-full.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: join(shots, 'report-sample.pdf'), format: 'A4', preferCSSPageSize: true });
  }
  console.log(`report ${year}: ${shots}/report.{html,xlsx,md,png,pdf}`);
} finally {
  if (browser) await browser.close();
  rmSync(work, { recursive: true, force: true });
}
