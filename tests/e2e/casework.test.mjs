// End-to-end, issue 14 points 1 and 2: the casework flows a commission's staff hit on their first
// day, on the demo case book (so that clue, report and case numbers differ), and the detail pages
// as documents: Chinese labels and values for every code, Beijing time, display names, the 流转记录,
// links both ways, only the actions this user may take, and a refused form answered beside it with
// what was typed kept. Screenshots go to build/screenshots/40-*.png.
//
// QINGFENG_BIN (default ../../build/qingfeng) is the binary under test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { openBrowser } from './browser.mjs';
import { binary, login as loginAt, repo, shots } from './harness.mjs';

let server;
before(async () => { server = await startServer(binary, join(repo, 'web'), { caseBook: true }); });
after(async () => { if (server) await server.stop(); });

const desk = { viewport: { width: 1366, height: 900 } };

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

const login = (page, user, password) => loginAt(page, server.base, user, password);

// What a detail page must never show: field dumps, raw codes, ISO UTC times.
function assertReadable(text, where) {
  assert.doesNotMatch(text, /status_label|字段 [a-z_]+：/, `${where}: a field name leaks`);
  assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, `${where}: an ISO UTC time`);
  for (const code of ['police', 'procuratorate', 'commission', 'community-0', 'street-0',
    'in_disposal', 'registered', 'investigating', 'feedback_received', 'evidence_submitted']) {
    assert.ok(!text.includes(code), `${where}: the code '${code}' is shown`);
  }
}

async function mainText(page) {
  return page.textContent('main');
}

test('答复举报人 reaches the report behind the clue, not a clue with the report\'s number', async () => {
  const phone = await openBrowser({ viewport: { width: 390, height: 844 }, isMobile: true });
  const staff = await openBrowser(desk);
  try {
    await phone.page.goto(`${server.base}/m/report`);
    await phone.page.fill('textarea[name=content]', '低保户已外出务工多年，仍在领取低保金。');
    await phone.page.click('button[type=submit]');
    await phone.page.waitForSelector('#receipt-code');
    const code = await phone.page.getAttribute('#receipt-code', 'data-code');

    const page = staff.page;
    await login(page, 'chengban');
    await page.goto(`${server.base}/clues`);
    await page.click('table.list tbody tr >> nth=0 >> a >> nth=0');
    await page.waitForSelector('#report');
    const clueUrl = page.url();
    await page.fill('#reply-form textarea[name=body]', '您反映的问题已受理，正在核查。');
    await Promise.all([page.waitForNavigation(), page.click('#reply-form button')]);
    assert.equal(page.url(), clueUrl, 'the reply goes back to the clue it was written on');
    assert.match(await page.textContent('.notice'), /答复已发送/);
    assert.match(await page.textContent('#history'), /答复举报人/);

    await phone.page.goto(`${server.base}/m/receipt`);
    await phone.page.fill('input[name=code]', code);
    await phone.page.click('button[type=submit]');
    await phone.page.waitForSelector('#messages li');
    assert.match(await phone.page.textContent('#messages'), /正在核查/);
  } finally {
    await phone.close();
    await staff.close();
  }
});

test('an incoming transfer (移入) registers its clue from the form', async () => {
  const staff = await openBrowser(desk);
  try {
    const page = staff.page;
    await login(page, 'chengban');
    await page.goto(`${server.base}/transfers`);
    await page.click('#transfer-in summary');
    await page.selectOption('#transfer-in-form select[name=organ]', { label: '区公安分局' });
    await page.fill('#transfer-in-form textarea[name=summary]', '公安机关在侦办诈骗案中发现村干部涉嫌截留补贴。');
    await page.fill('#transfer-in-form input[name=clue_title]', '某村干部涉嫌截留低保金');
    await page.selectOption('#transfer-in-form select[name=clue_domain]', '一卡通');
    await page.fill('#transfer-in-form input[name=clue_amount]', '12800');
    await page.fill('#transfer-in-form input[name=subject_name]', '李某某');
    await page.fill('#transfer-in-form input[name=subject_position]', '村委会主任');
    await shot(page, '40-transfer-in-form');
    await Promise.all([page.waitForURL(/\/transfers\/\d+$/), page.click('#transfer-in-form button')]);
    const fields = await page.textContent('#transfer-fields');
    assert.match(fields, /移入（政法机关移来）/);
    assert.match(fields, /区公安分局/);
    assert.match(fields, /承办人 王强/, 'the registering clerk by display name');
    assertReadable(await mainText(page), 'transfer page');
    assert.match(await page.textContent('#history'), /登记移送/);
    await shot(page, '41-transfer-in');

    // Linked both ways: the transfer names its clue, the clue names the transfer.
    const transferUrl = page.url();
    await Promise.all([page.waitForURL(/\/clues\/\d+$/), page.click('a[href^="/clues/"] >> text=线索')]);
    assert.match(await page.textContent('h1'), /某村干部涉嫌截留低保金/);
    assert.match(await page.textContent('table.doc'), /移送（区公安分局）/);
    const back = await page.getAttribute('a[href^="/transfers/"]', 'href');
    assert.equal(`${server.base}${back}`, transferUrl);
  } finally {
    await staff.close();
  }
});

test('移送司法 offers the political-legal organs by name and records the one chosen', async () => {
  const staff = await openBrowser(desk);
  try {
    const page = staff.page;
    await login(page, 'chengban');
    await page.goto(`${server.base}/cases`);
    const rows = page.locator('table.list tbody tr', { hasText: '调查中' });
    assert.ok(await rows.count() > 0, 'the demo case book has a case under investigation');
    await rows.first().locator('a').first().click();
    await page.waitForSelector('#case-fields');
    const details = page.locator('details.outcome').first();
    if (!await details.evaluate((d) => d.open)) await details.locator('summary').click();
    const form = details.locator('form.outcome-form');
    await form.locator('select[name=outcome]').selectOption('移送司法');
    await form.locator('input[name=detail]').fill('涉嫌贪污罪，移送审查起诉');
    await form.locator('select[name=receiving_organ]').selectOption({ label: '区人民检察院' });
    await Promise.all([page.waitForNavigation(), form.locator('button').click()]);
    assert.match(await page.textContent('.notice'), /已记录处理结果/);
    assert.match(await page.textContent('#persons'), /移送司法[\s\S]*接收机关：区人民检察院/);
    assert.match(await page.textContent('#history'), /登记处理结果/);
    assertReadable(await mainText(page), 'case page');
    await shot(page, '42-case');
  } finally {
    await staff.close();
  }
});

test('登记新线索 works with the form\'s own defaults and answers a mistake beside the form', async () => {
  const staff = await openBrowser(desk);
  try {
    const page = staff.page;
    await login(page, 'chengban');
    await page.goto(`${server.base}/clues`);
    await page.click('#new-clue summary');
    await page.fill('#clue-form input[name=title]', '反映某社区违规发放临时救助');
    await page.fill('#clue-form textarea[name=summary]', '来信反映社区将临时救助发给不符合条件的亲属。');
    await page.fill('#clue-form input[name=amount]', '十二元');
    await page.click('#clue-form button');
    await page.waitForSelector('#clue-form .form-error');
    const error = await page.textContent('#clue-form .form-error');
    assert.match(error, /^涉及金额：/);
    assert.doesNotMatch(await page.textContent('main'), /字段 |\/api\//);
    assert.equal(await page.inputValue('#clue-form input[name=title]'), '反映某社区违规发放临时救助');
    assert.equal(await page.inputValue('#clue-form input[name=amount]'), '十二元');
    await shot(page, '43-clue-form-error');

    await page.fill('#clue-form input[name=amount]', '3600');
    await Promise.all([page.waitForURL(/\/clues\/\d+$/), page.click('#clue-form button')]);
    const text = await mainText(page);
    assert.match(text, /信访/);
    assert.doesNotMatch(text, /\/api\//);
    assertReadable(text, 'new clue page');
    assert.match(await page.textContent('#history'), /登记线索[\s\S]*承办人 王强/);
    // Registered: the handler may propose a disposal; nobody may approve what was not proposed.
    assert.equal(await page.locator('#propose-form').count(), 1);
    assert.equal(await page.locator('#decide-form').count(), 0);
    await shot(page, '44-clue-registered');
  } finally {
    await staff.close();
  }
});

test('导入 with 跳过错误行 runs the comparison over the rows that went in', async () => {
  const staff = await openBrowser(desk);
  try {
    const page = staff.page;
    await login(page, 'chengban');
    const persons = readFileSync(join(server.district, 'persons.csv'), 'utf8');
    const lines = persons.trimEnd().split('\n');
    const bad = lines[1].split(',');
    bad[0] = '11010519491231002';  // 17 digits: refused
    const file = `${lines.join('\n')}\n${bad.join(',')}\n`;
    await page.goto(`${server.base}/import`);
    await page.setInputFiles('input[name=files]', { name: 'persons.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.check('input[name=skip_invalid]');
    // A background job: its page shows the outcome per table once done.
    await Promise.all([page.waitForURL(/\/jobs\/\d+$/), page.click('form[action="/import"] button')]);
    await page.waitForFunction(() => /完成|失败/.test(document.querySelector('#job-state')?.textContent || ''),
      null, { timeout: 120000 });
    const text = await mainText(page);
    assert.match(text, /部分导入/);
    assert.doesNotMatch(text, /\bapplied\b|\bpartial\b/);
    assert.match(text, /比对结果：第 \d+ 次比对/);
    // The import log names the run that followed the partial import.
    let run = null;
    for (let i = 0; i < 120 && !run; ++i) {
      await page.goto(`${server.base}/import`);
      const first = await page.textContent('table.list tbody tr >> nth=0');
      run = /部分导入/.test(first) && first.match(/第 \d+ 次：新增 \d+ 条，消失 \d+ 条/);
      if (!run) await page.waitForTimeout(500);
    }
    assert.ok(run, 'no comparison after a partial import');
    await shot(page, '45-import-partial-recheck');
  } finally {
    await staff.close();
  }
});

test('detail pages read as documents and offer only what this user may do', async () => {
  const handler = await openBrowser(desk);
  const intake = await openBrowser(desk);
  const approver = await openBrowser(desk);
  try {
    await login(handler.page, 'chengban');
    await login(intake.page, 'shouli');
    await login(approver.page, 'shenhe');
    const page = handler.page;

    // A clue the handler registers and proposes: the intake clerk sees it without a step to take,
    // the proposer may not approve it, the approver may; once approved the handler may assign it
    // and only the approver may file a case.
    await page.goto(`${server.base}/clues`);
    await page.click('#new-clue summary');
    await page.fill('#clue-form input[name=title]', '反映某村低保评议走过场');
    await page.fill('#clue-form textarea[name=summary]', '群众来访反映村里低保评议未公示。');
    await Promise.all([page.waitForURL(/\/clues\/\d+$/), page.click('#clue-form button')]);
    const clueUrl = page.url();
    await page.selectOption('#propose-form select[name=disposal]', '初步核实');
    await page.fill('#propose-form input[name=note]', '建议初步核实');
    await Promise.all([page.waitForNavigation(), page.click('#propose-form button')]);
    assert.match(await page.textContent('#clue-fields'), /待审批/);
    assert.equal(await page.locator('#decide-form').count(), 0, 'the proposer may not approve');
    assertReadable(await mainText(page), 'clue page');
    assert.match(await page.textContent('#history'), /\d{4}-\d\d-\d\d \d\d:\d\d 提出处置意见 承办人 王强[\s\S]*拟初步核实；意见：建议初步核实/);
    await shot(page, '46-clue');
    await intake.page.goto(clueUrl);
    assert.equal(await intake.page.locator('#actions form').count(), 0, 'intake has no step here');
    await shot(intake.page, '47-clue-intake');
    await approver.page.goto(clueUrl);
    assert.equal(await approver.page.locator('#propose-form').count(), 0);
    await approver.page.fill('#decide-form input[name=note]', '同意');
    await shot(approver.page, '48-clue-approver');
    await Promise.all([approver.page.waitForNavigation(), approver.page.click('#decide-form button')]);
    assert.match(await approver.page.textContent('#clue-fields'), /处置中/);
    assert.equal(await approver.page.locator('#file-case-form').count(), 1);
    assert.equal(await approver.page.locator('#assign-form').count(), 0);
    await page.goto(clueUrl);
    assert.equal(await page.locator('#assign-form').count(), 1);
    assert.equal(await page.locator('#file-case-form').count(), 0);
    assert.match(await page.textContent('#history'), /批准处置意见 审核领导 陈静/);

    // A case: a refused recovery keeps what was typed and names the field in Chinese.
    await page.goto(`${server.base}/cases`);
    await page.locator('table.list tbody tr', { hasText: '调查中' }).first().locator('a').first().click();
    await page.waitForSelector('#recovery-form');
    const caseUrl = page.url();
    await page.fill('#recovery-form input[name=recovered]', '一万');
    await page.click('#recovery-form button');
    await page.waitForSelector('#recovery-form .form-error');
    assert.match(await page.textContent('#recovery-form .form-error'), /^追缴金额：/);
    assert.equal(await page.inputValue('#recovery-form input[name=recovered]'), '一万');
    await shot(page, '49-case-error');
    // The case links to its clue, and the clue back to the case.
    const clueHref = await page.getAttribute('#case-fields a[href^="/clues/"]', 'href');
    if (clueHref) {
      await page.goto(`${server.base}${clueHref}`);
      const links = await page.locator('a[href^="/cases/"]').evaluateAll((as) => as.map((a) => a.href));
      assert.ok(links.includes(caseUrl), `clue ${clueHref} links back to ${caseUrl}`);
    }

    // Every transfer and rectification page of the book reads in Chinese.
    for (const [list, name] of [['/transfers', '50-transfer'], ['/rectifications', '51-rectification']]) {
      await page.goto(`${server.base}${list}`);
      const hrefs = await page.locator('table.list tbody tr td:first-child a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.length > 0, list);
      for (const href of hrefs.slice(0, 8)) {
        await page.goto(`${server.base}${href}`);
        assertReadable(await mainText(page), href);
        assert.ok(await page.locator('#history li').count() > 0, `${href} has its 流转记录`);
      }
      await page.goto(`${server.base}${hrefs[0]}`);
      await shot(page, name);
    }
  } finally {
    await handler.close();
    await intake.close();
    await approver.close();
  }
});
