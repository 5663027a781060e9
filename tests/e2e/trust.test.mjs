// End-to-end, issue 12 points 3–5 in a real browser: two staff review the same finding and the
// one who decided on a stale page gets a 409 in Chinese; no page shows a full ID number to a
// 受理员 or an 审核领导; a finding about a colleague (灯下黑) is gone for the handler and the
// colleague, and 干部监督室 opens it with a notice that the read is audited.
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
before(async () => { server = await startServer(binary, join(repo, 'web')); });
after(async () => { if (server) await server.stop(); });

const login = (page, user, password) => loginAt(page, server.base, user, password);

// Every valid GB 11643 number in `text` (18 characters not inside a longer run of digits).
function validIds(text) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const found = [];
  for (const m of text.matchAll(/(?<!\d)\d{17}[\dXx](?!\d)/g)) {
    const id = m[0].toUpperCase();
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(id[i]) * weights[i];
    const y = Number(id.slice(6, 10)), mo = Number(id.slice(10, 12)), d = Number(id.slice(12, 14));
    const date = new Date(Date.UTC(y, mo - 1, d));
    const realDate = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
    if (realDate && '10X98765432'[sum % 11] === id[17]) found.push(id);
  }
  return found;
}

test('a review made on a stale page is refused with 409 and a Chinese message', async () => {
  const clerk = await openBrowser();
  const handler = await openBrowser();
  try {
    await login(clerk.page, 'shouli');
    await login(handler.page, 'chengban');
    await handler.page.goto(`${server.base}/findings?rule=R04`);
    const href = await handler.page.getAttribute('a.finding-link >> nth=0', 'href');
    await handler.page.goto(`${server.base}${href}`);
    await clerk.page.goto(`${server.base}${href}`);
    // The clerk confirms first …
    await Promise.all([clerk.page.waitForNavigation(),
      clerk.page.click('form:has(input[name=decision][value=confirmed]) button')]);
    assert.match(await clerk.page.textContent('#review'), /已确认/);
    // … the handler, still looking at the open finding, dismisses it: refused.
    await handler.page.fill('input[name=reason]', '已备案');
    const [response] = await Promise.all([handler.page.waitForNavigation(),
      handler.page.click('form:has(input[name=decision][value=dismissed]) button')]);
    assert.equal(response.status(), 409);
    assert.match(await handler.page.textContent('body'), /shouli.*请刷新页面/s);
    await handler.page.screenshot({ path: join(shots, 'trust-01-stale-review.png'), fullPage: true });
    await handler.page.goto(`${server.base}${href}`);
    assert.match(await handler.page.textContent('#review'), /已确认/);
  } finally {
    await clerk.close();
    await handler.close();
  }
});

test('no page shows a full ID number to 受理员 or 审核领导; 承办人 sees it', async () => {
  const clerk = await openBrowser();
  const approver = await openBrowser();
  const handler = await openBrowser();
  try {
    await login(clerk.page, 'shouli');
    await clerk.page.goto(`${server.base}/findings?rule=R01`);
    const finding = await clerk.page.getAttribute('a.finding-link >> nth=1', 'href');
    await clerk.page.goto(`${server.base}${finding}`);
    await Promise.all([clerk.page.waitForURL(/\/clues\/\d+$/), clerk.page.click('#promote-one')]);
    const clue = new URL(clerk.page.url()).pathname;
    await login(approver.page, 'shenhe');
    const pages = ['/', '/findings', '/findings?rule=R01', finding, '/clues', clue,
      '/report/figure?id=findings.total'];
    for (const [browser, user] of [[clerk, 'shouli'], [approver, 'shenhe']]) {
      for (const path of pages) {
        await browser.page.goto(`${server.base}${path}`);
        assert.deepEqual(validIds(await browser.page.content()), [], `${user} ${path}`);
      }
    }
    await approver.page.goto(`${server.base}${clue}`);
    await approver.page.screenshot({ path: join(shots, 'trust-02-clue-masked.png'), fullPage: true });
    await login(handler.page, 'chengban');
    await handler.page.goto(`${server.base}${clue}`);
    assert.ok(validIds(await handler.page.content()).length > 0, '承办人 sees the full number');
  } finally {
    await clerk.close();
    await approver.close();
    await handler.close();
  }
});

test('a finding about a colleague is only for 干部监督室, and its reads are audited', async () => {
  const handler = await openBrowser();
  const colleague = await openBrowser();
  const supervision = await openBrowser();
  try {
    await login(handler.page, 'chengban');
    await handler.page.goto(`${server.base}/findings?rule=R01`);
    const href = await handler.page.getAttribute('a.finding-link >> nth=2', 'href');
    await handler.page.goto(`${server.base}${href}`);
    const [id] = validIds(await handler.page.textContent('#evidence'));
    assert.ok(id, 'the handler sees the subject\'s ID number');
    // The subject becomes a colleague: an account with their ID number (the server's key file).
    execFileSync(binary, ['--db', `sqlite:${join(server.dir, 'q.db')}`, 'user', 'add', 'tongshi',
      '--role', 'handler', '--display-name', '同事', '--id-number', id],
    { input: 'tongshi-password-1\n', env: { ...process.env, QINGFENG_KEY_FILE: join(server.dir, 'qingfeng.key') } });

    const gone = await handler.page.goto(`${server.base}${href}`);
    assert.equal(gone.status(), 404);
    await login(colleague.page, 'tongshi', 'tongshi-password-1');
    const own = await colleague.page.goto(`${server.base}${href}`);
    assert.equal(own.status(), 404, 'the colleague cannot open the finding about them');

    await login(supervision.page, 'jiandu');
    await supervision.page.goto(`${server.base}/findings`);
    assert.ok(await supervision.page.$(`a[href="${href}"]`), '干部监督室 lists it');
    const opened = await supervision.page.goto(`${server.base}${href}`);
    assert.equal(opened.status(), 200);
    assert.match(await supervision.page.textContent('#restricted'), /审计日志/);
    await supervision.page.screenshot({ path: join(shots, 'trust-03-restricted-finding.png'), fullPage: true });
  } finally {
    await handler.close();
    await colleague.close();
    await supervision.close();
  }
});
