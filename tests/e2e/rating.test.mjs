// End-to-end, issue 15 point 5: a citizen reports on a phone, staff answer and conclude the clue,
// the citizen rates the answer 不满意 by receipt code, the clue shows itself reopened (处置中, the
// rating, the 流转记录) and the handler's 待办 has it; /m/board shows the month's figures.
// Screenshots build/screenshots/60-m-rate.png … 64-m-board.png.
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

test('不满意 by receipt code reopens the concluded clue as a 待办; /m/board counts it', async () => {
  const phone = await openBrowser(phoneView);
  const staff = await openBrowser(desk);
  const leader = await openBrowser(desk);
  try {
    // The citizen reports and keeps the receipt code.
    await phone.page.goto(`${server.base}/m/report`);
    await phone.page.fill('textarea[name=content]', '社区干部为亲属违规办理低保，群众意见很大。');
    await phone.page.click('button[type=submit]');
    await phone.page.waitForSelector('#receipt-code');
    const code = await phone.page.getAttribute('#receipt-code', 'data-code');

    // No answer yet: nothing to rate.
    await phone.page.goto(`${server.base}/m/receipt`);
    await phone.page.fill('input[name=code]', code);
    await phone.page.click('button[type=submit]');
    await phone.page.waitForSelector('#report-status');
    assert.equal(await phone.page.locator('#rate').count(), 0, 'no rating before an answer');

    // Staff answer and conclude the clue (予以了结, approved by the leader).
    const page = staff.page;
    await login(page, 'chengban');
    await page.goto(`${server.base}/clues`);
    await page.click('table.list tbody tr >> nth=0 >> a >> nth=0');
    await page.waitForSelector('#report');
    const clueUrl = page.url();
    const clue = clueUrl.match(/\/clues\/(\d+)$/)[1];
    await page.fill('#reply-form textarea[name=body]', '经核查，该户符合低保条件，反映问题不属实。');
    await Promise.all([page.waitForNavigation(), page.click('#reply-form button')]);
    await page.selectOption('#propose-form select[name=disposal]', '予以了结');
    await page.fill('#propose-form input[name=note]', '反映不属实，建议了结');
    await Promise.all([page.waitForNavigation(), page.click('#propose-form button')]);
    await login(leader.page, 'shenhe');
    await leader.page.goto(clueUrl);
    await leader.page.fill('#decide-form input[name=note]', '同意');
    await Promise.all([leader.page.waitForNavigation(), leader.page.click('#decide-form button')]);
    assert.match(await leader.page.textContent('#clue-fields'), /已了结/);

    // The citizen rates the answer 不满意 on the phone.
    await phone.page.goto(`${server.base}/m/receipt`);
    await phone.page.fill('input[name=code]', code);
    await phone.page.click('button[type=submit]');
    await phone.page.waitForSelector('#rate');
    assert.match(await phone.page.textContent('#report-status'), /已办结/);
    await phone.page.check('#rate input[value=不满意]');
    await phone.page.fill('#rate textarea[name=comment]', '没有人来现场核实。');
    await shot(phone.page, '60-m-rate');
    await Promise.all([phone.page.waitForNavigation(), phone.page.click('#rate button')]);
    assert.match(await phone.page.textContent('.m-notice'), /线索已重新办理/);
    assert.match(await phone.page.textContent('#ratings'), /不满意[\s\S]*线索已重新办理[\s\S]*没有人来现场核实/);
    assert.equal(await phone.page.locator('#rate').count(), 0, 'one rating per answer');
    assert.match(await phone.page.textContent('#report-status'), /办理中/);
    await shot(phone.page, '61-m-rated');

    // The clue: 处置中 again, the rating, and the 流转记录.
    await page.goto(clueUrl);
    assert.match(await page.textContent('#clue-fields'), /处置中/);
    assert.match(await page.textContent('#ratings'), /不满意[\s\S]*重新办理[\s\S]*没有人来现场核实/);
    const history = await page.textContent('#history');
    assert.match(history, /举报人评价答复/);
    assert.match(history, /举报人不满意，重新办理/);
    assert.doesNotMatch(history, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, 'Beijing time, not ISO UTC');
    await shot(page, '62-clue-reopened');

    // The handler's 待办.
    await page.goto(`${server.base}/`);
    const todo = page.locator(`#todos a[href="/clues/${clue}"]`);
    assert.equal(await todo.count(), 1, 'the reopened clue is a 待办');
    assert.match(await todo.textContent(), /群众评价不满意/);
    await shot(page, '63-todo-dissatisfied');

    // The public board, reached from /m/.
    const month = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7);
    await phone.page.goto(`${server.base}/m/`);
    await Promise.all([phone.page.waitForURL(/\/m\/board$/), phone.page.click('#to-board')]);
    const row = (await phone.page.textContent(`#board tr[data-month="${month}"]`)).replace(/\s+/g, ' ');
    // 受理 1, 办结 0 (reopened), 办结率 0.0%, 满意率 0.0% (one rating, 不满意).
    assert.match(row, /1\s*0\s*0\.0%\s*0\.0%/);
    assert.match(await phone.page.textContent('#board-total'), /受理 1 件/);
    await shot(phone.page, '64-m-board');
  } finally {
    await phone.close();
    await staff.close();
    await leader.close();
  }
});
