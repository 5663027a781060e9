// The screenshots of docs/web.md (`make screenshots`): starts `qingfeng serve` on a fresh demo
// store (2,000 persons and the demo case book, as tests/e2e/server.mjs makes it), adds a system
// administrator and an audit administrator, and saves each main page, as the role that works it,
// to docs/screenshots/<name>.png: staff pages 1280 wide, citizen pages 390 wide (a phone). A page
// taller than kMaxHeight is cut there, to keep the files small.
//
//   node scripts/screenshots.mjs            # QINGFENG_BIN (default build/qingfeng)
//
// Uses Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) through tests/e2e's playwright-core;
// never downloads a browser.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser } from '../tests/e2e/browser.mjs';
import { startServer } from '../tests/e2e/server.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const binary = resolve(process.env.QINGFENG_BIN || join(repo, 'build', 'qingfeng'));
const out = join(repo, 'docs', 'screenshots');
const kPassword = 'qingfeng-demo';
const kMaxHeight = 1800;
const desk = { viewport: { width: 1280, height: 860 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

mkdirSync(out, { recursive: true });
const server = await startServer(binary, join(repo, 'web'), { caseBook: true });
const browsers = [];
try {
  addAdministrators();
  const staff = {};
  for (const user of ['chengban', 'shenhe', 'xitong', 'shenji']) staff[user] = await loggedIn(user);
  await staffPages(staff);
  await jobPages(staff.chengban);
  await documentPages(staff);
  await citizenPages((await open(phone)).page);
  console.log(`screenshots in ${out}`);
} finally {
  for (const b of browsers) await b.close();
  await server.stop();
}

// 三员分立: the administrators are not demo accounts; they are made here with the command line.
function addAdministrators() {
  const db = `sqlite:${join(server.dir, 'q.db')}`;
  for (const [name, role, display] of [['xitong', 'system_admin', '系统管理员 周平'],
    ['shenji', 'audit_admin', '审计管理员 吴芳']]) {
    execFileSync(binary, ['--db', db, 'user', 'add', name, '--role', role, '--display-name', display], { input: `${kPassword}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
  }
}

async function open(options) {
  const b = await openBrowser(options);
  browsers.push(b);
  return b;
}

async function loggedIn(user) {
  const { page } = await open(desk);
  await page.goto(`${server.base}/login`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', kPassword);
  await Promise.all([page.waitForURL(`${server.base}/`), page.click('button[type=submit]')]);
  return page;
}

async function shot(page, name) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize().width;
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, kMaxHeight) } });
  console.log(`${name}.png  ${page.url().replace(server.base, '')}`);
}

async function visit(page, path, name) {
  const res = await page.goto(`${server.base}${path}`);
  if (res.status() >= 400) throw new Error(`${path}: HTTP ${res.status()}`);
  await page.waitForLoadState('networkidle');
  await shot(page, name);
}

// Opens the first link of a list page whose path matches `pattern` and shoots the page it leads to.
async function first(page, listPath, pattern, name) {
  await page.goto(`${server.base}${listPath}`);
  const hrefs = await page.$$eval('main a[href]', (links) => links.map((a) => a.getAttribute('href')));
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`${listPath}: no link like ${pattern}`);
  await visit(page, href, name);
}

async function staffPages({ chengban, shenhe, xitong, shenji }) {
  await visit(chengban, '/', 'dashboard');
  await visit(chengban, '/findings', 'findings');
  await first(chengban, '/findings?rule=R01', /^\/findings\/[0-9a-f]+$/, 'finding');
  await first(chengban, chengban.url().replace(server.base, ''), /^\/persons\/\w+$/, 'person');
  await first(chengban, '/clues', /^\/clues\/\d+$/, 'clue');
  await first(chengban, '/cases', /^\/cases\/\d+$/, 'case');
  await first(chengban, '/transfers', /^\/transfers\/\d+$/, 'transfer');
  await first(chengban, '/rectifications', /^\/rectifications\/\d+$/, 'rectification');
  await visit(shenhe, '/applications', 'approvals');
  await first(shenhe, '/applications', /^\/applications\/(?!stats|export)[^/?]+$/, 'approval');
  await visit(chengban, '/import', 'import');
  await visit(chengban, '/screening', 'screening');
  await visit(chengban, '/report', 'report');
  await visit(chengban, '/activities', 'activities');
  await first(chengban, '/activities?kind=' + encodeURIComponent('联合督查'), /^\/activities\/\d+$/, 'activity');
  await visit(chengban, '/activities/import', 'activity-import');
  await visit(shenhe, '/oversight/reports', 'stationed-reports');
  await visit(shenhe, '/congress', 'congress');
  await first(shenhe, '/congress', /^\/congress\/\d+$/, 'congress-item');
  await visit(xitong, '/admin/users', 'admin-users');
  await visit(shenji, '/admin/audit', 'admin-audit');
}

// A 立案决定书 issued on the first case that offers one, the case page with its 文书 and 证据附件
// cards, and the template editor as 审核领导 works it.
async function documentPages({ chengban, shenhe }) {
  await chengban.goto(`${server.base}/cases`);
  const cases = await chengban.$$eval('table.list tbody a[href^="/cases/"]', (as) => as.map((a) => a.getAttribute('href')));
  for (const href of cases) {
    await chengban.goto(server.base + href);
    if (!(await chengban.$('#issue-document option:text("立案决定书")'))) continue;
    await chengban.selectOption('#issue-document select[name=type]', { label: '立案决定书' });
    await Promise.all([chengban.waitForURL(/\/documents\/\d+$/), chengban.click('#issue-document button')]);
    await shot(chengban, 'document');
    await visit(chengban, href, 'case-documents');
    break;
  }
  await visit(shenhe, '/documents/templates', 'document-templates');
}

// An import of the district's tables, shot while its job runs (when it is still running) and once
// done; then the job list.
async function jobPages(page) {
  await page.goto(`${server.base}/import`);
  // The district's whole delivery again (as a folder is uploaded): long enough to see the bar move.
  const tables = readdirSync(server.district).filter((f) => f.endsWith('.csv') && f !== 'truth.csv');
  await page.setInputFiles('input[name=files]', tables.map((f) => join(server.district, f)));
  await Promise.all([page.waitForURL(/\/jobs\/\d+$/), page.click('form[action="/import"] button')]);
  if (!(await page.$('#job-state'))) throw new Error(`import: ${await page.textContent('main')}`);
  await shotWhileRunning(page);
  await page.waitForFunction(() => /完成|失败/.test(document.querySelector('#job-state')?.textContent || ''),
    null, { timeout: 300000 });
  await shot(page, 'job-result');
  await visit(page, '/jobs', 'jobs');
}

// The progress page once its bar has moved, if the job is still running by then.
async function shotWhileRunning(page) {
  for (let i = 0; i < 100; ++i) {
    const state = await page.textContent('#job-state');
    if (/完成|失败/.test(state)) return console.log('job-progress.png not made: the job was done first');
    const percent = await page.textContent('#job-percent').catch(() => '0%');
    if (percent !== '0%') return shot(page, 'job-progress');
    await page.waitForTimeout(100);
  }
  return shot(page, 'job-progress');
}

async function citizenPages(page) {
  await visit(page, '/m/', 'm-index');
  await first(page, '/m/', /^\/m\/p\/c-/, 'm-place');
  await visit(page, '/m/check', 'm-check');
  await visit(page, '/m/report', 'm-report');
  await visit(page, '/m/gs', 'm-gs');
  await visit(page, '/m/apply', 'm-apply');
  await visit(page, '/m/board', 'm-board');
}
