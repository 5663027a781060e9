// End-to-end, issue 17 points 4 and 5 in a real browser: a 承办人 records what became of a
// finding (止付, then 追回) and sees it on the finding, the dashboard and the report; staff open a
// person's file (一人一档) from a finding, from a clue and by ID number, with ID numbers masked
// for the roles that may not see them.
//
// QINGFENG_BIN (default ../../build/qingfeng) is the binary under test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { openBrowser } from './browser.mjs';
import { binary, login as loginAt, repo, shots } from './harness.mjs';

let server;
before(async () => { server = await startServer(binary, join(repo, 'web'), { caseBook: true }); });
after(async () => { if (server) await server.stop(); });

const login = (page, user, password) => loginAt(page, server.base, user, password);

// Every valid GB 11643 number in `text`.
function validIds(text) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const found = [];
  for (const m of text.matchAll(/(?<!\d)\d{17}[\dXx](?!\d)/g)) {
    const id = m[0].toUpperCase();
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(id[i]) * weights[i];
    if ('10X98765432'[sum % 11] === id[17]) found.push(id);
  }
  return found;
}

async function record(page, outcome, amount, note = '') {
  await page.selectOption('#outcome-kind', outcome);
  await page.fill('#outcome-amount', amount);
  await page.fill('#outcome-note', note);
  const [response] = await Promise.all([page.waitForNavigation(), page.click('#outcome-save')]);
  return response;
}

test('a handler records 止付 and 追回 on a finding; dashboard and report count them per rule', async () => {
  const handler = await openBrowser({ viewport: { width: 1280, height: 900 } });
  try {
    await login(handler.page, 'chengban');
    // The demo case book has recorded outcomes of its own: the figures are read before and after.
    const fen = async (selector) => Math.round(Number((await handler.page.textContent(selector)).trim().replaceAll(',', '')) * 100);
    await handler.page.goto(`${server.base}/`);
    const stoppedBefore = await fen('#kpi-stopped');
    const recoveredBefore = await fen('#kpi-recovered');
    // An R01 finding nobody has recorded an outcome for yet.
    await handler.page.goto(`${server.base}/findings?rule=R01`);
    const hrefs = await handler.page.$$eval('a.finding-link', (as) => as.map((a) => a.getAttribute('href')));
    let href = null;
    for (const candidate of hrefs.slice(0, 20)) {
      await handler.page.goto(`${server.base}${candidate}`);
      if (/未登记/.test(await handler.page.textContent('#outcome'))) { href = candidate; break; }
    }
    assert.ok(href, 'an R01 finding without an outcome');

    // A money outcome without an amount is refused with a Chinese message; nothing is recorded.
    const refused = await record(handler.page, '止付', '');
    assert.equal(refused.status(), 400);
    assert.match(await handler.page.textContent('body'), /必须填写金额/);
    await handler.page.goto(`${server.base}${href}`);

    const stopped = await record(handler.page, '止付', '1,245.00', '下月发放前已拦下');
    assert.equal(stopped.status(), 200);
    assert.match(await handler.page.textContent('#outcome'), /最近：止付；累计止付 1,245\.00 元/);
    await record(handler.page, '追回', '300.50', '已退回财政专户');
    const shown = await handler.page.textContent('#outcome');
    assert.match(shown, /追回/);
    assert.match(shown, /累计止付 1,245\.00 元；累计追回 300\.50 元/);
    const history = await handler.page.textContent('#outcome-history');
    assert.match(history, /止付\s*1,245\.00/);
    assert.match(history, /追回\s*300\.50/);
    assert.match(history, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);  // Beijing time to the minute
    await handler.page.screenshot({ path: join(shots, 'outcomes-01-finding.png'), fullPage: true });

    await handler.page.goto(`${server.base}/`);
    assert.equal(await fen('#kpi-stopped') - stoppedBefore, 124500);
    assert.equal(await fen('#kpi-recovered') - recoveredBefore, 30050);
    const row = await handler.page.textContent('#outcomes-by-rule tr:has-text("R01")');
    assert.match(row, /\d+\.\d{2}\s*\d+\.\d{2}/);
    assert.match(row, /\d+\.\d%/);
    assert.match(await handler.page.textContent('#kpi-rate'), /\d+\.\d%/);
    await handler.page.locator('#dashboard-outcomes').screenshot({ path: join(shots, 'outcomes-02-dashboard.png') });

    const year = new Date().getFullYear();
    await handler.page.goto(`${server.base}/report?period=${year}`);
    const table = await handler.page.textContent('#outcomes-table');
    assert.match(table, /R01/);
    assert.match(table, /合计/);
    // Each figure drills down to the findings it counted; the R01 止付 list holds this one.
    await Promise.all([handler.page.waitForURL(/\/report\/figure/),
      handler.page.click('#outcomes-table a[data-figure="findings.rule_stopped.R01"]')]);
    assert.ok((await handler.page.content()).includes(href), 'the finding in the drill-down');
    await handler.page.goto(`${server.base}/report?period=${year}`);
    await handler.page.locator('#finding-outcomes').screenshot({ path: join(shots, 'outcomes-03-report.png') });
  } finally {
    await handler.close();
  }
});

test('staff open a person\'s file from a finding, a clue and by ID number; IDs masked by role', async () => {
  const handler = await openBrowser({ viewport: { width: 1280, height: 900 } });
  const clerk = await openBrowser({ viewport: { width: 1280, height: 900 } });
  try {
    await login(handler.page, 'chengban');
    await login(clerk.page, 'shouli');
    await handler.page.goto(`${server.base}/findings?rule=R01`);
    const href = await handler.page.getAttribute('a.finding-link >> nth=0', 'href');
    await handler.page.goto(`${server.base}${href}`);
    await Promise.all([handler.page.waitForURL(/\/persons\/[0-9a-f]+$/), handler.page.click('#person-file')]);
    const fileUrl = handler.page.url();
    // The URL carries an opaque key, never the ID number.
    assert.equal(validIds(fileUrl).length, 0);
    const name = (await handler.page.textContent('#person-name')).trim();
    assert.ok(name.length > 0);
    const body = await handler.page.textContent('main');
    for (const heading of ['户籍信息', '同户人员', '户外亲属', '登记库记录', '享受项目', '社保卡',
      '发放明细', '比对发现', '线索', '案件']) {
      assert.ok(body.includes(heading), heading);
    }
    assert.match(body, /已记入审计日志/);
    assert.match(await handler.page.textContent('#registries'), /死亡登记/);  // an R01 person
    assert.match(await handler.page.textContent('#findings'), /R01/);
    // 承办人 sees the full ID number.
    const fullId = validIds(await handler.page.textContent('#person-id'));
    assert.equal(fullId.length, 1);
    await handler.page.screenshot({ path: join(shots, 'outcomes-04-person-file.png'), fullPage: true });

    // 受理员 opening the same file sees no full ID number anywhere on it.
    await clerk.page.goto(fileUrl);
    assert.match(await clerk.page.textContent('#person-name'), new RegExp(name.split(' ')[0]));
    assert.deepEqual(validIds(await clerk.page.content()), []);
    await clerk.page.screenshot({ path: join(shots, 'outcomes-05-person-file-masked.png'), fullPage: true });

    // By ID number: typed into a POST form, the answer is the file.
    await handler.page.goto(`${server.base}/persons`);
    await handler.page.fill('#lookup-id', fullId[0]);
    await Promise.all([handler.page.waitForURL(/\/persons\/[0-9a-f]+$/), handler.page.click('#lookup-open')]);
    assert.equal((await handler.page.textContent('#person-name')).trim(), name);
    await handler.page.goto(`${server.base}/persons`);
    await handler.page.fill('#lookup-id', '110105198001011239');
    await Promise.all([handler.page.waitForNavigation(), handler.page.click('#lookup-open')]);
    assert.match(await handler.page.textContent('#lookup-error'), /身份证号有误/);

    // From a clue: promote the finding, then follow the subject's link.
    await handler.page.goto(`${server.base}${href}`);
    if (await handler.page.$('#promote-one')) {
      await Promise.all([handler.page.waitForURL(/\/clues\/\d+$/), handler.page.click('#promote-one')]);
    } else {
      await Promise.all([handler.page.waitForURL(/\/clues\/\d+$/), handler.page.click('main a[href^="/clues/"]')]);
    }
    await handler.page.screenshot({ path: join(shots, 'outcomes-06-clue-person-link.png'), fullPage: true });
    const link = handler.page.locator('a.person-file').first();
    await Promise.all([handler.page.waitForURL(/\/persons\/[0-9a-f]+$/), link.click()]);
    assert.match(await handler.page.textContent('#person-name'), new RegExp(name.split(' ')[0]));
    // The clue the finding went to is listed in the person's file.
    assert.match(await handler.page.textContent('#clues'), /比对发现/);
    // A key that is not one of this server's is a plain 404.
    const missing = await handler.page.goto(`${server.base}/persons/00ff`);
    assert.equal(missing.status(), 404);
  } finally {
    await handler.close();
    await clerk.close();
  }
});
