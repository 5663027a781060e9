// End-to-end, issue 14 point 3 (and point 4's breadcrumb): the lists staff work from all day, on
// the demo case book. A filter given by the label users see (?status=处置中) shows those rows;
// column headers sort; a page past the last shows the last; "共 N 条，第 x/y 页" counts what is
// filtered; batch actions (批量审核 of findings, 批量交办 of clues) go through and say so; the Excel
// export holds exactly what is filtered (all pages), in Chinese, ID numbers masked for 受理员 as on
// screen. Screenshots go to build/screenshots/lists-*.png.
//
// QINGFENG_BIN (default ../../build/qingfeng) is the binary under test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { openBrowser } from './browser.mjs';
import { binary, login as loginAt, repo, shots } from './harness.mjs';

let server;
before(async () => {
  server = await startServer(binary, join(repo, 'web'), { caseBook: true });
  execFileSync(binary, ['--db', `sqlite:${join(server.dir, 'q.db')}`, 'user', 'add', 'shenji', '--role', 'audit_admin'],
    { input: 'shenji-password-1\n', env: { ...process.env, QINGFENG_KEY_FILE: join(server.dir, 'qingfeng.key') },
      stdio: ['pipe', 'ignore', 'pipe'] });
});
after(async () => { if (server) await server.stop(); });

const desk = { viewport: { width: 1366, height: 900 }, acceptDownloads: true };
const login = (page, user, password) => loginAt(page, server.base, user, password);

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `lists-${name}.png`), fullPage: true });
}

// "共 N 条，第 x/y 页" as numbers.
async function counts(page) {
  const box = page.locator('#list-count');
  return {
    total: Number(await box.getAttribute('data-total')),
    page: Number(await box.getAttribute('data-page')),
    pages: Number(await box.getAttribute('data-pages')),
    text: await box.textContent(),
  };
}

async function column(page, n) {
  return page.locator(`table.list tbody tr td:nth-child(${n})`).allTextContents();
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&amp;/g, '&');

// The first sheet of an XLSX file as rows of cell texts (unzip reads the parts).
function readXlsx(path) {
  const part = (name) => execFileSync('unzip', ['-p', path, name]).toString('utf8');
  const strings = [...part('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)]
    .map((m) => unescape([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')));
  return [...part('xl/worksheets/sheet1.xml').matchAll(/<row [^>]*>(.*?)<\/row>/gs)].map((row) =>
    [...row[1].matchAll(/<c r="[A-Z]+\d+"([^>]*?)(?:\/>|>(?:<v>(.*?)<\/v>)?<\/c>)/gs)].map((c) =>
      (/t="s"/.test(c[1]) ? strings[Number(c[2])] : (c[2] ?? ''))));
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), rows: readXlsx(await file.path()) };
}

test('?status=处置中 lists the clues in disposal, with a breadcrumb, and exports exactly them', async () => {
  const b = await openBrowser(desk);
  try {
    const page = b.page;
    await login(page, 'chengban');
    await page.goto(`${server.base}/clues?status=${encodeURIComponent('处置中')}`);
    const { total, text } = await counts(page);
    assert.ok(total > 0, 'the demo book has clues in disposal');
    assert.match(text, new RegExp(`共 ${total} 条，第 1/1 页`));
    const states = await column(page, 7);
    assert.equal(states.length, total);
    assert.ok(states.every((s) => s === '处置中'), states.join(','));
    assert.equal(await page.locator('select[name=status] option:checked').textContent(), '处置中');
    assert.deepEqual(await page.locator('nav.breadcrumb li').allTextContents(), ['首页', '执纪办案', '线索列表']);
    await shot(page, 'clues-in-disposal');

    const ids = await column(page, 2);
    const { name, rows } = await download(page, '#list-export');
    assert.match(name, /^线索-\d{4}-\d\d-\d\d\.xlsx$/, 'the Chinese file name');
    assert.match(rows[0][0], new RegExp(`^线索（导出于 .*，共 ${total} 条）$`));
    assert.deepEqual(rows[1], ['编号', '标题 / 摘要', '来源 · 领域 · 专项', '单位', '涉及金额（元）', '状态', '登记时间']);
    assert.deepEqual(rows.slice(2).map((r) => r[0]), ids);
    assert.ok(rows.slice(2).every((r) => r[5] === '处置中'));

    await page.click('table.list tbody tr >> nth=0 >> a >> nth=0');
    const crumbs = await page.locator('nav.breadcrumb li').allTextContents();
    assert.deepEqual(crumbs.slice(0, 3), ['首页', '执纪办案', '线索列表']);
    assert.match(crumbs[3], /^线索 \d+$/);
    await shot(page, 'clue-breadcrumb');
  } finally {
    await b.close();
  }
});

test('column headers sort, a page past the last shows the last, counts follow the filter', async () => {
  const b = await openBrowser(desk);
  try {
    const page = b.page;
    await login(page, 'chengban');
    await page.goto(`${server.base}/findings?size=20`);
    const all = await counts(page);
    assert.equal(String(all.total), (await page.textContent('#findings-total')).replace(/,/g, ''));
    assert.ok(all.pages > 1, 'more than one page of findings');
    const amounts = async () => (await column(page, 8)).map((a) => Number(a.replace(/,/g, '')));
    const desc = await amounts();
    assert.deepEqual(desc, [...desc].sort((x, y) => y - x), 'largest first by default');
    await page.click('th a[data-sort=amount]');
    const asc = await amounts();
    assert.deepEqual(asc, [...asc].sort((x, y) => x - y), 'one click on 金额 turns it round');
    assert.match(page.url(), /sort=amount/);
    await page.click('th a[data-sort=rule]');
    const rules = await column(page, 2);
    assert.deepEqual(rules, [...rules].sort(), 'sorted by rule');
    await shot(page, 'findings-sorted');

    await page.goto(`${server.base}/findings?size=20&page=99999`);
    const last = await counts(page);
    assert.equal(last.page, last.pages, 'the last page');
    assert.ok(await page.locator('table.findings tbody tr').count() > 0, 'with its rows');
    assert.ok(await page.locator('.pager a[rel=prev]').count() === 1);

    await page.goto(`${server.base}/findings?rule=R01&status=${encodeURIComponent('新增')}`);
    const r01 = await counts(page);
    assert.ok(r01.total > 0 && r01.total < all.total, `${r01.total} of ${all.total}`);
    assert.ok((await column(page, 2)).every((r) => r.startsWith('R01')));
    assert.ok((await column(page, 10)).every((s) => s === '新增'));
  } finally {
    await b.close();
  }
});

test('批量审核 marks the checked findings 已排除 with the reason, through the service', async () => {
  const b = await openBrowser(desk);
  try {
    const page = b.page;
    await login(page, 'chengban');
    await page.goto(`${server.base}/findings?review=${encodeURIComponent('待核')}&sort=amount&dir=asc`);
    const before = await counts(page);
    const boxes = page.locator('table.findings tbody input[name=fp]');
    const picked = [await boxes.nth(0).getAttribute('value'), await boxes.nth(1).getAttribute('value')];
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.selectOption('#batch-review select[name=decision]', 'dismissed');
    await page.fill('#batch-review input[name=reason]', '批量核实：已于当月停发');
    await Promise.all([page.waitForNavigation(), page.click('#batch-review-submit')]);
    await shot(page, 'findings-batch-review');
    assert.match(await page.textContent('main'), /2 条比对发现已标记为已排除/);
    assert.match(page.url(), /review=/, 'back to the same list');
    assert.equal((await counts(page)).total, before.total - 2, 'they left the 待核 list');
    await shot(page, 'findings-batch-review');
    for (const fp of picked) {
      await page.goto(`${server.base}/findings/${fp}`);
      assert.match(await page.textContent('main'), /已排除/);
      assert.match(await page.textContent('main'), /批量核实：已于当月停发/);
    }
  } finally {
    await b.close();
  }
});

test('批量交办 assigns the checked clues in disposal to a unit', async () => {
  const b = await openBrowser(desk);
  try {
    const page = b.page;
    await login(page, 'chengban');
    await page.goto(`${server.base}/clues?status=${encodeURIComponent('处置中')}`);
    const id = await page.locator('table.list tbody input[name=id]').first().getAttribute('value');
    await page.locator('table.list tbody input[name=id]').first().check();
    await page.selectOption('#batch-assign select[name=unit]', { label: '城关街道监察办公室' });
    await Promise.all([page.waitForNavigation(), page.click('#batch-assign-submit')]);
    assert.match(await page.textContent('.notice'), /已交办 1 条线索/);
    await shot(page, 'clues-batch-assign');
    await page.goto(`${server.base}/clues/${id}`);
    assert.match(await page.textContent('main'), /城关街道监察办公室/);
  } finally {
    await b.close();
  }
});

test('a 受理员 exports the filtered findings, all pages, with ID numbers masked as on screen', async () => {
  const b = await openBrowser(desk);
  try {
    const page = b.page;
    await login(page, 'shouli');
    await page.goto(`${server.base}/findings?size=10&status=${encodeURIComponent('新增')}`);
    const { total, pages } = await counts(page);
    assert.ok(pages > 1, 'the export is more than the page shown');
    const { rows } = await download(page, '#list-export');
    const data = rows.slice(2);
    assert.equal(data.length, total);
    assert.equal(rows[1][2], '身份证号');
    assert.ok(data.every((r) => r[9] === '新增'));
    const ids = data.map((r) => r[2]).filter(Boolean);
    assert.ok(ids.length > 0);
    assert.ok(ids.every((id) => /^\d{6}\*{8}\d{3}[\dX]$/.test(id)), ids.slice(0, 3).join(','));
    assert.ok(!data.flat().some((cell) => /\b\d{17}[\dX]\b/.test(cell)), 'no ID number in clear');
  } finally {
    await b.close();
  }
});

test('applications, the import log and the audit log search, page and export too', async () => {
  const b = await openBrowser(desk);
  try {
    const page = b.page;
    await login(page, 'chengban');
    await page.goto(`${server.base}/applications?status=${encodeURIComponent('办理中')}`);
    const apps = await counts(page);
    assert.ok(apps.total > 0);
    assert.ok((await column(page, 9)).every((s) => s === '办理中'));
    await shot(page, 'applications');
    await page.goto(`${server.base}/import?outcome=${encodeURIComponent('已导入')}&size=10&page=999`);
    const log = await counts(page);
    assert.ok(log.total > 10 && log.page === log.pages, `${log.page}/${log.pages}`);
    const { rows } = await download(page, '#list-export');
    assert.equal(rows.length - 2, log.total);
    assert.ok(rows.slice(2).every((r) => r[2] === '已导入'));
    await shot(page, 'import-log');

    const admin = await openBrowser(desk);
    try {
      await loginAt(admin.page, server.base, 'shenji', 'shenji-password-1');
      await admin.page.goto(`${server.base}/admin/audit?action=clue&size=10`);
      const audit = await counts(admin.page);
      assert.ok(audit.total > 0);
      assert.ok((await admin.page.locator('#audit-rows tbody td:nth-child(4)').evaluateAll(
        (tds) => tds.map((td) => td.getAttribute('title')))).every((a) => a.includes('clue')));
      await shot(admin.page, 'audit-log');
    } finally {
      await admin.close();
    }
  } finally {
    await b.close();
  }
});
