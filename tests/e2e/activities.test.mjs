// End-to-end, issue 15 point 2: the activity ledger (活动台账) on the demo store. A 承办人 enters a
// 监督检查 through the form — a problem becomes a clue, linked from the activity — and sees it listed
// and filtered, and attaches a sign-in sheet; a refused form keeps what was typed; the import template downloads, a filled
// template imports every row, and a file with a bad kind is refused naming the line and column,
// importing nothing. Screenshots go to build/screenshots/70-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { openBrowser } from './browser.mjs';
import { binary, login as loginAt, repo, shots } from './harness.mjs';

let server;
before(async () => { server = await startServer(binary, join(repo, 'web'), { caseBook: true }); });
after(async () => { if (server) await server.stop(); });

const desk = { viewport: { width: 1366, height: 900 } };
const login = (page, user) => loginAt(page, server.base, user);
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const fixture = (name) => join(repo, 'tests', 'e2e', 'fixtures', name);

test('the demo ledger is listed with every kind, and filters by kind', async () => {
  const { page, close } = await openBrowser(desk);
  try {
    await login(page, 'chengban');
    await page.click('nav.side a[href="/activities"]');
    await shot(page, '70-activities');
    for (const kind of ['座谈会', '监督检查', '走访群众', '联合督查', '督导检查', '专题培训', '制度机制', '以案促改']) {
      await page.goto(`${server.base}/activities?kind=${encodeURIComponent(kind)}`);
      assert.ok(await page.locator('#activity-table tbody tr').count() >= 2, `demo ${kind}`);
    }
    await page.goto(`${server.base}/activities?kind=${encodeURIComponent('制度机制')}`);
    const rows = await page.$$eval('#activity-table tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.equal(rows.length, 4, '4 demo 制度机制');
    assert.ok(rows.every((r) => r.includes('制度机制')));
  } finally {
    await close();
  }
});

test('a 承办人 enters a 监督检查 through the form; its problem becomes a clue', async () => {
  const { page, close } = await openBrowser(desk);
  try {
    await login(page, 'chengban');
    await page.goto(`${server.base}/activities`);
    await page.click('#new-activity');
    await page.selectOption('#activity-form select[name=kind]', '监督检查');
    await page.fill('#activity-form input[name=held_on]', '2026-05-12');
    await page.fill('#activity-form input[name=title]', '医保定点药店监督检查');
    await page.selectOption('#activity-form select[name=domain]', '卫健医保');
    await page.check('#activity-form input[name=campaigns][value="ZX-MS-10+1"]');
    await page.fill('#activity-form input[name=participants]', '五');
    await page.fill('#activity-form input[name=places]', '仁和大药房、康宁药店');
    await page.fill('#activity-form textarea[name=summary]', '检查医保基金使用情况');
    await page.fill('#activity-form textarea[name=clue_problems]', '药店串换药品套取医保基金');
    await Promise.all([page.waitForNavigation(), page.click('#activity-form button[type=submit]')]);
    // Refused: the message names the field, and what was typed is still there.
    assert.match(await page.textContent('#activity-form .form-error'), /参与人次：“五”不是 0 到 1000000 之间的整数/);
    assert.equal(await page.inputValue('#activity-form input[name=title]'), '医保定点药店监督检查');
    await shot(page, '70-activity-form-refused');
    await page.fill('#activity-form input[name=participants]', '5');
    await shot(page, '70-activity-form');
    await Promise.all([page.waitForURL(/\/activities\/\d+$/), page.click('#activity-form button[type=submit]')]);
    assert.match(await page.textContent('.notice'), /已登记活动/);
    const fields = await page.textContent('#activity-fields');
    assert.match(fields, /监督检查/);
    assert.match(fields, /卫健医保/);
    assert.match(fields, /“10\+1”民生领域专项整治/);
    assert.match(fields, /仁和大药房/);
    assert.match(await page.textContent('#problems'), /药店串换药品套取医保基金[\s\S]*线索 \d+/);
    assert.match(await page.textContent('#history'), /登记活动/);
    // A sign-in sheet goes up with its SHA-256 shown.
    const sheet = Buffer.from('%PDF-1.4 签到表');
    await page.setInputFiles('#upload-attachment input[type=file]', { name: '签到表.pdf', mimeType: 'application/pdf', buffer: sheet });
    await Promise.all([page.waitForNavigation(), page.click('#upload-attachment button')]);
    const files = await page.textContent('#attachment-list');
    assert.match(files, /签到表\.pdf/);
    assert.ok(files.includes(createHash('sha256').update(sheet).digest('hex')), 'the SHA-256 is shown');
    assert.match(await page.textContent('#history'), /上传证据附件/);
    await shot(page, '70-activity');
    await page.click('#problems a[href^="/clues/"]');
    const clue = await page.textContent('body');
    assert.match(clue, /监督检查发现：医保定点药店监督检查/);
    await page.goto(`${server.base}/activities?q=${encodeURIComponent('医保定点药店')}`);
    assert.equal(await page.locator('#activity-table tbody tr').count(), 1);
  } finally {
    await close();
  }
});

test('the import template downloads; a filled template imports every row, a bad one none', async () => {
  const { page, close } = await openBrowser({ ...desk, acceptDownloads: true });
  try {
    await login(page, 'chengban');
    await page.goto(`${server.base}/activities`);
    await page.click('#import-activities');
    await shot(page, '70-activity-import');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#template-link')]);
    assert.equal(download.suggestedFilename(), '活动台账导入模板.xlsx');
    const template = readFileSync(await download.path());
    assert.equal(template.subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');

    // A file with a bad kind on its third line: refused, naming it, and nothing imported.
    await page.setInputFiles('#activity-import-form input[type=file]', fixture('活动台账-错误.xlsx'));
    await Promise.all([page.waitForNavigation(), page.click('#activity-import-form button')]);
    assert.equal((await page.textContent('#import-error')).trim(),
      '活动台账-错误.xlsx 第 3 行，列“活动类型”：“座谈”不是已配置的活动类型。文件中的活动均未导入。');
    await shot(page, '70-activity-import-refused');
    await page.goto(`${server.base}/activities?q=${encodeURIComponent('村（社区）干部惠民政策培训班')}`);
    assert.equal(await page.locator('#activity-table tbody tr').count(), 0, 'nothing half-imported');

    await page.goto(`${server.base}/activities/import`);
    await page.setInputFiles('#activity-import-form input[type=file]', fixture('活动台账-填写.xlsx'));
    await Promise.all([page.waitForNavigation(), page.click('#activity-import-form button')]);
    assert.equal(await page.$('#import-error'), null, await page.textContent('body'));
    assert.match(page.url(), /\/activities$/);
    assert.match(await page.textContent('.notice'), /已从 活动台账-填写\.xlsx 导入 2 项活动/);
    await page.goto(`${server.base}/activities?from=2026-04-10&to=2026-04-18&q=${encodeURIComponent('导入')}`);
    let rows = await page.$$eval('#activity-table tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.equal(rows.length, 1);
    assert.match(rows[0], /联合督查[\s\S]*惠民资金联合督查（导入）[\s\S]*区纪委监委[\s\S]*一卡通/);
    await page.goto(`${server.base}/activities?from=2026-04-10&to=2026-04-10`);
    rows = await page.$$eval('#activity-table tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.ok(rows.some((r) => /专题培训[\s\S]*村（社区）干部惠民政策培训班[\s\S]*86/.test(r)), rows.join('\n'));
    await shot(page, '70-activities-imported');
    await page.click('#activity-table tbody a:text("村（社区）干部惠民政策培训班")');
    assert.match(await page.textContent('#history'), /导入活动台账|登记活动/);
  } finally {
    await close();
  }
});
