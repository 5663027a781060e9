// End-to-end: a handler works a finding into a disposed clue; a citizen on a phone opens a QR
// page, checks their payments, reports anonymously and follows up with the receipt; an XSS payload
// and a forged POST are refused; a real-name reporter's phone reaches the handler only through
// the audited 查看联系方式. Every page visited is screenshotted under build/screenshots/.
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

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

const login = (page, user, password) => loginAt(page, server.base, user, password);

test('a handler promotes a finding to a clue and the approver disposes it', async () => {
  const handler = await openBrowser({ viewport: { width: 1366, height: 900 } });
  const approver = await openBrowser({ viewport: { width: 1366, height: 900 } });
  try {
    const page = handler.page;
    await page.goto(`${server.base}/login`);
    await shot(page, '01-login');
    await login(page, 'chengban');
    await page.waitForSelector('#kpi-findings');
    await shot(page, '02-dashboard');
    await page.goto(`${server.base}/findings?rule=R01`);
    await shot(page, '03-findings');
    await page.click('a.finding-link >> nth=0');
    await page.waitForSelector('#evidence');
    assert.match(await page.textContent('#evidence'), /死亡/);
    await shot(page, '04-finding-evidence');
    await Promise.all([page.waitForURL(/\/clues\/\d+$/), page.click('#promote-one')]);
    const clueUrl = page.url();
    await shot(page, '05-clue');
    await page.selectOption('#propose-form select[name=disposal]', '初步核实');
    await page.fill('#propose-form input[name=note]', '建议初步核实');
    await Promise.all([page.waitForNavigation(), page.click('#propose-form button')]);
    assert.match(await page.textContent('#clue-fields'), /待审批|审批/);

    await login(approver.page, 'shenhe');
    await approver.page.goto(clueUrl);
    await approver.page.selectOption('#decide-form select[name=decision]', 'approve');
    await Promise.all([approver.page.waitForNavigation(), approver.page.click('#decide-form button')]);
    assert.match(await approver.page.textContent('#clue-fields'), /初步核实/);
    await shot(approver.page, '06-clue-disposed');

    for (const [path, name] of [['/cases', '07-cases'], ['/transfers', '08-transfers'],
      ['/rectifications', '09-rectifications'], ['/import', '10-import'], ['/qr', '11-qr']]) {
      const res = await page.goto(`${server.base}${path}`);
      assert.equal(res.status(), 200, path);
      await shot(page, name);
    }
  } finally {
    await handler.close();
    await approver.close();
  }
});

test('a citizen on a phone sees a QR page, checks payments, reports and follows up', async () => {
  const phone = await openBrowser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const page = phone.page;
    await page.goto(`${server.base}/m/`);
    await shot(page, '20-m-index');
    await page.click('.m-card >> nth=0 >> a >> nth=0');
    await page.waitForSelector('.m-row');
    const text = await page.textContent('body');
    assert.doesNotMatch(text, /\d{17}[\dX]/, 'a disclosure page shows no ID number');
    assert.match(await page.textContent('.m-name >> nth=0'), /\*/);
    await shot(page, '21-m-place');

    // A person paid recently: the latest payment of the synthetic ledger.
    const payments = server.readCsv('payments.csv');
    const persons = new Map(server.readCsv('persons.csv').map((p) => [p.id_number, p.name]));
    const latest = payments.filter((p) => persons.get(p.id_number) === p.name)
      .sort((a, b) => a.paid_date.localeCompare(b.paid_date)).at(-1);
    await page.goto(`${server.base}/m/check`);
    await page.fill('input[name=id_number]', latest.id_number);
    await page.fill('input[name=name]', latest.name);
    await shot(page, '22-m-check');
    await page.click('button[type=submit]');
    await page.waitForSelector('#payments');
    assert.ok(Number((await page.textContent('#payments-total')).replace(/,/g, '')) > 0);
    await shot(page, '23-m-check-result');

    await page.goto(`${server.base}/m/check`);
    await page.fill('input[name=id_number]', latest.id_number);
    await page.fill('input[name=name]', '不是本人');
    await page.click('button[type=submit]');
    await page.waitForSelector('#no-match');

    await page.goto(`${server.base}/m/`);
    await page.click('.m-card >> nth=0 >> a >> nth=0');
    await page.click('#report-here');
    await page.selectOption('select[name=category]', '冒领骗取补贴');
    await page.fill('textarea[name=content]', '本社区有人去世多年仍在领取补贴。');
    await shot(page, '24-m-report');
    await page.click('button[type=submit]');
    await page.waitForSelector('#receipt-code');
    const code = await page.getAttribute('#receipt-code', 'data-code');
    assert.match(code, /^\d{16}$/);
    await shot(page, '25-m-receipt-code');

    await page.goto(`${server.base}/m/receipt`);
    await page.fill('input[name=code]', code);
    await page.click('button[type=submit]');
    await page.waitForSelector('#report-status');
    assert.match(await page.textContent('#report-status'), /受理|办理/);
    await page.fill('textarea[name=body]', '补充：该人员于 2023 年去世。');
    await page.click('form[action="/m/receipt/message"] button');
    await page.waitForSelector('#messages li');
    assert.match(await page.textContent('#messages'), /补充/);
    await shot(page, '26-m-receipt-view');
  } finally {
    await phone.close();
  }
});

test('an XSS payload shows as text and a forged POST is refused', async () => {
  const phone = await openBrowser({ viewport: { width: 390, height: 844 } });
  const staff = await openBrowser({ viewport: { width: 1366, height: 900 } });
  try {
    const page = phone.page;
    const payload = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
    await page.goto(`${server.base}/m/report`);
    await page.fill('textarea[name=content]', payload);
    await page.click('button[type=submit]');
    await page.waitForSelector('#receipt-code');
    const code = await page.getAttribute('#receipt-code', 'data-code');
    await page.goto(`${server.base}/m/receipt`);
    await page.fill('input[name=code]', code);
    await page.click('button[type=submit]');
    await page.waitForSelector('#report-content');
    assert.equal(await page.textContent('#report-content'), payload);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await shot(page, '30-xss-as-text');

    // The clue the report became shows the payload as text to staff too.
    await login(staff.page, 'chengban');
    await staff.page.goto(`${server.base}/clues`);
    await staff.page.click('table.list tbody tr >> nth=0 >> a >> nth=0');
    await staff.page.waitForSelector('#clue-fields');
    assert.equal(await staff.page.evaluate(() => window.__xss), undefined);

    // A page on another origin posts to the server: no CSRF token, and the SameSite cookies stay
    // home. The server answers 403 and nothing is promoted.
    const forged = await staff.context.newPage();
    await forged.setContent(`<form id=f method=post action="${server.base}/findings/promote">
      <input name=fp value="0000000000000000"></form>`);
    const [response] = await Promise.all([
      forged.waitForNavigation(),
      forged.evaluate(() => document.getElementById('f').submit()),
    ]);
    assert.equal(response.status(), 403);
    await shot(forged, '31-forged-post-refused');
    const direct = await staff.context.request.post(`${server.base}/m/report`, {
      form: { category: '其他', content: '伪造' },
    });
    assert.equal(direct.status(), 403);
  } finally {
    await phone.close();
    await staff.close();
  }
});

test('a real-name reporter\'s phone reaches the handler only through 查看联系方式', async () => {
  const phone = await openBrowser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const handler = await openBrowser({ viewport: { width: 1366, height: 900 } });
  const intake = await openBrowser({ viewport: { width: 1366, height: 900 } });
  try {
    const page = phone.page;
    await page.goto(`${server.base}/m/report`);
    await page.selectOption('select[name=category]', '优亲厚友');
    await page.fill('textarea[name=content]', '村干部把低保名额给了亲属（实名反映）。');
    await page.check('input[name=identity][value=real]');
    await page.fill('input[name=reporter_name]', '王实名');
    await page.fill('input[name=reporter_phone]', '13912345678');
    await page.click('button[type=submit]');
    await page.waitForSelector('#receipt-code');

    await login(handler.page, 'chengban');
    await handler.page.goto(`${server.base}/clues`);
    await handler.page.click('table.list tbody tr >> nth=0 >> a >> nth=0');
    await handler.page.waitForSelector('#clue-fields');
    const clueUrl = handler.page.url();
    assert.match(await handler.page.textContent('body'), /村干部把低保名额给了亲属/);
    assert.doesNotMatch(await handler.page.textContent('body'), /13912345678/);
    await Promise.all([
      handler.page.waitForNavigation(),
      handler.page.click('form[action$="/reporter-contact"] button'),
    ]);
    assert.match(await handler.page.textContent('#reporter-contact'), /13912345678/);
    assert.match(await handler.page.textContent('body'), /审计日志/);
    await shot(handler.page, '32-reporter-contact');

    // A 受理员 sees the clue, not the way to the reporter.
    await login(intake.page, 'shouli');
    await intake.page.goto(clueUrl);
    await intake.page.waitForSelector('#clue-fields');
    assert.equal(await intake.page.locator('form[action$="/reporter-contact"]').count(), 0);
    assert.doesNotMatch(await intake.page.textContent('body'), /13912345678/);
  } finally {
    await phone.close();
    await handler.close();
    await intake.close();
  }
});
