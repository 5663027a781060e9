// End-to-end, issue 15 point 1 (taxonomy as configuration): a citizen's 吃拿卡要 report becomes a
// 窗口服务 clue; a 承办人 reclassifies a clue in the browser (领域 and 专项 with a reason) and the
// page shows the new domain and campaign and 重新归类 in the 流转记录; the clue list filters by 专项.
// A case inherits its clue's classification and an item its case's. Screenshots
// build/screenshots/70-clue-reclassify.png … 76-rectification-inherited.png.
//
// QINGFENG_BIN (default ../../build/qingfeng) is the binary under test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { openBrowser } from './browser.mjs';
import { binary, login as loginAt, repo, shots } from './harness.mjs';

let server;
before(async () => { server = await startServer(binary, join(repo, 'web')); });
after(async () => { if (server) await server.stop(); });

const desk = { viewport: { width: 1366, height: 900 } };
const phoneView = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const login = (page, user) => loginAt(page, server.base, user);
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

test('a 吃拿卡要 report is a 窗口服务 clue, and a 承办人 reclassifies it with a reason', async () => {
  const phone = await openBrowser(phoneView);
  const staff = await openBrowser(desk);
  try {
    await phone.page.goto(`${server.base}/m/report`);
    await phone.page.selectOption('select[name=category]', '吃拿卡要');
    await phone.page.fill('textarea[name=content]', '社保窗口工作人员暗示要给好处费才给办理退休手续。');
    await phone.page.click('button[type=submit]');
    await phone.page.waitForSelector('#receipt-code');

    const page = staff.page;
    await login(page, 'chengban');
    await page.goto(`${server.base}/clues`);
    await page.click('table.list tbody tr >> nth=0 >> a >> nth=0');
    await page.waitForSelector('#report');
    const clueUrl = page.url();
    assert.match(await page.textContent('#report'), /吃拿卡要/);
    assert.match(await page.textContent('#classification-domain'), /^窗口服务$/);
    assert.match(await page.textContent('#classification-campaigns'), /未列入专项/);

    // 重新归类: still 窗口服务 but now in the 净窗 campaign and the 10+1 one, with a reason.
    await page.click('#reclassify summary');
    await page.selectOption('#reclassify-form select[name=domain]', '卫健医保');
    await page.check('#reclassify-form input[value="ZX-JC"]');
    await page.check('#reclassify-form input[value="ZX-MS-10+1"]');
    await page.fill('#reclassify-form input[name=reason]', '窗口属医保经办机构，列入“净窗”行动和“10+1”专项');
    await shot(page, '70-clue-reclassify');
    await Promise.all([page.waitForNavigation(), page.click('#reclassify-form button')]);
    assert.equal(page.url(), clueUrl);
    assert.match(await page.textContent('#classification-domain'), /^卫健医保$/);
    const campaigns = await page.textContent('#classification-campaigns');
    assert.match(campaigns, /“净窗”行动/);
    assert.match(campaigns, /“10\+1”民生领域专项整治/);
    assert.match(await page.textContent('#clue-fields'), /卫健医保[\s\S]*“净窗”行动/);
    const history = await page.textContent('#history');
    assert.match(history, /重新归类/);
    assert.match(history, /领域 窗口服务 → 卫健医保/);
    assert.match(history, /理由：窗口属医保经办机构/);
    await shot(page, '71-clue-reclassified');

    // A reclassification that changes nothing is refused beside the form.
    await page.click('#reclassify summary');
    await page.fill('#reclassify-form input[name=reason]', '再次归类');
    await Promise.all([page.waitForNavigation(), page.click('#reclassify-form button')]);
    assert.match(await page.textContent('#reclassify .form-error'), /领域：领域和专项都没有改变/);
    await shot(page, '72-clue-reclassify-refused');

    // The clue list filters by 专项 (its Chinese name) and shows domain and campaigns.
    await page.goto(`${server.base}/clues?campaign=${encodeURIComponent('“净窗”行动')}`);
    const rows = page.locator('#list-table tbody tr');
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().textContent(), /卫健医保 · “净窗”行动/);
    await shot(page, '73-clues-by-campaign');
  } finally {
    await phone.close();
    await staff.close();
  }
});

test('a 受理员 registers a clue with its domain and campaigns but cannot reclassify it', async () => {
  const staff = await openBrowser(desk);
  try {
    const page = staff.page;
    await login(page, 'shouli');
    await page.goto(`${server.base}/clues`);
    // The new-clue form: the extended sources, the domains and the campaigns of the taxonomy.
    await page.click('#new-clue summary');
    const sources = await page.locator('#clue-form select[name=source] option').allTextContents();
    for (const s of ['12345热线', '巡察', '舆情', '监督检查', '人大代表转交']) assert.ok(sources.includes(s), s);
    assert.ok(!sources.includes('比对发现'));
    assert.equal(await page.locator('#clue-form input[name=campaigns]').count(), 7);
    await page.selectOption('#clue-form select[name=source]', '巡察');
    await page.selectOption('#clue-form select[name=domain]', '违法采砂石');
    await page.check('#clue-form input[value="ZX-CS"]');
    await page.check('#clue-form input[value="ZX-HB"]');
    await page.fill('#clue-form input[name=title]', '河道违法采砂无人制止');
    await page.fill('#clue-form textarea[name=summary]', '区委巡察移交：某河段夜间违法采砂，属地监管缺位。');
    await shot(page, '74-new-clue-form');
    await Promise.all([page.waitForNavigation(), page.click('#clue-form button[type=submit]')]);
    assert.match(await page.textContent('#classification-domain'), /^违法采砂石$/);
    assert.match(await page.textContent('#classification-campaigns'), /违法采砂采石专项整治[\s\S]*环保督察整改/);
    await page.goto(`${server.base}/clues`);
    await page.click('table.list tbody tr >> nth=0 >> a >> nth=0');
    await page.waitForSelector('#classification');
    assert.equal(await page.locator('#reclassify-form').count(), 0);
  } finally {
    await staff.close();
  }
});

test('a case inherits its clue\'s domain and campaigns, a 审核领导 reclassifies it, its 整改 item inherits', async () => {
  const handler = await openBrowser(desk);
  const leader = await openBrowser(desk);
  try {
    const page = handler.page;
    await login(page, 'chengban');
    await page.goto(`${server.base}/clues?q=${encodeURIComponent('河道违法采砂')}`);
    await page.click('table.list tbody tr >> nth=0 >> a >> nth=0');
    const clueUrl = page.url();
    await page.selectOption('#propose-form select[name=disposal]', '初步核实');
    await Promise.all([page.waitForNavigation(), page.click('#propose-form button')]);
    await login(leader.page, 'shenhe');
    await leader.page.goto(clueUrl);
    await Promise.all([leader.page.waitForNavigation(), leader.page.click('#decide-form button')]);
    await Promise.all([leader.page.waitForURL(/\/cases\/\d+$/), leader.page.click('#file-case-form button')]);
    const caseUrl = leader.page.url();
    assert.match(await leader.page.textContent('#classification-domain'), /^违法采砂石$/);
    assert.match(await leader.page.textContent('#classification-campaigns'), /违法采砂采石专项整治[\s\S]*环保督察/);

    // The leader files the case under 生态环保 and keeps only the 回头看 campaign.
    await leader.page.click('#reclassify summary');
    await leader.page.selectOption('#reclassify-form select[name=domain]', '生态环保');
    await leader.page.uncheck('#reclassify-form input[value="ZX-CS"]');
    await leader.page.fill('#reclassify-form input[name=reason]', '查实为环保督察反馈问题整改不到位');
    await Promise.all([leader.page.waitForNavigation(), leader.page.click('#reclassify-form button')]);
    assert.match(await leader.page.textContent('#classification-domain'), /^生态环保$/);
    assert.doesNotMatch(await leader.page.textContent('#classification-campaigns'), /采砂/);
    assert.match(await leader.page.textContent('#history'), /重新归类[\s\S]*领域 违法采砂石 → 生态环保/);
    await shot(leader.page, '75-case-reclassified');
    // The clue keeps its own classification.
    await page.goto(clueUrl);
    assert.match(await page.textContent('#classification-domain'), /^违法采砂石$/);

    // A 整改 item issued on the case inherits the case's classification.
    const caseId = caseUrl.match(/\/cases\/(\d+)$/)[1];
    await page.goto(`${server.base}/rectifications?case_id=${caseId}#new-rectification`);
    await page.fill('#rectification-form textarea[name=content]', '责令属地街道建立河道巡查制度');
    await Promise.all([page.waitForURL(/\/rectifications\/\d+$/), page.click('#rectification-form button[type=submit]')]);
    assert.match(await page.textContent('#rectification-fields'), /生态环保[\s\S]*环保督察整改及“回头看”/);
    assert.match(await page.textContent('#classification-domain'), /^生态环保$/);
    await shot(page, '76-rectification-inherited');
    await page.goto(`${server.base}/rectifications?campaign=ZX-HB`);
    assert.equal(await page.locator('#list-table tbody tr').count(), 1);
  } finally {
    await handler.close();
    await leader.close();
  }
});
