// End-to-end: 发放前比对 (issue 17). A handler uploads a payment batch before it is paid — the
// district's own payments — and sees the held payments with their rules; a malformed batch is
// refused naming its line; the approver releases a held payment with a reason and downloads the
// result file for the bank, where the release shows. Screenshot: build/screenshots/screening.png.
//
// QINGFENG_BIN (default ../../build/qingfeng) is the binary under test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { openBrowser } from './browser.mjs';
import { binary, login as loginAt, repo, shots } from './harness.mjs';

let server;
before(async () => { server = await startServer(binary, join(repo, 'web')); });
after(async () => { if (server) await server.stop(); });

const login = (page, user, password) => loginAt(page, server.base, user, password);

test('a batch is screened, a held payment released with a reason, the file downloaded', async () => {
  const handler = await openBrowser({ viewport: { width: 1366, height: 900 } });
  const approver = await openBrowser({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  try {
    await login(handler.page, 'chengban');
    await handler.page.click('nav a[href="/screening"]');
    // A malformed batch is refused and the page names the line.
    const bad = join(server.dir, 'bad-batch.csv');
    writeFileSync(bad, 'payment_id,batch_no,program_code,id_number,name,account_no,amount,period,paid_date\n'
      + 'X1,B1,MZ01,110105194912310029,张三,6222,abc,2025-12,2025-12-10\n');
    await handler.page.setInputFiles('#screen-form input[type=file]', bad);
    await Promise.all([handler.page.waitForNavigation(), handler.page.click('#screen-form button')]);
    assert.match(await handler.page.textContent('#screen-error'), /第 2 行/);

    await handler.page.setInputFiles('#screen-form input[type=file]', join(server.district, 'payments.csv'));
    await Promise.all([handler.page.waitForNavigation(), handler.page.click('#screen-form button')]);
    assert.match(handler.page.url(), /\/screening\/\d+$/);
    const held = Number(await handler.page.textContent('#kpi-held'));
    assert.ok(held > 0, 'the district plants problems, so some payments are held');
    const rows = await handler.page.$$('#screen-rows tbody tr');
    assert.equal(rows.length, held);
    assert.match(await handler.page.textContent('#screen-rows tbody tr:first-child'), /暂停/);
    assert.match(await handler.page.textContent('#screen-rows tbody tr:first-child'), /R\d\d/);
    // The handler may not release: no release form.
    assert.equal(await handler.page.$('form.release'), null);
    await handler.page.screenshot({ path: join(shots, 'screening.png'), fullPage: false });
    const url = handler.page.url();

    await login(approver.page, 'shenhe');
    await approver.page.goto(url);
    await approver.page.fill('form.release input[name=reason]', '已电话核实，本人健在，死亡登记系误报');
    await Promise.all([approver.page.waitForNavigation(), approver.page.click('form.release button')]);
    assert.match(await approver.page.textContent('body'), /已放行/);
    assert.equal(Number(await approver.page.textContent('#kpi-held')), held);  // counts as screened
    const [download] = await Promise.all([
      approver.page.waitForEvent('download'),
      approver.page.click('a[href$="/download"]'),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv, /^payment_id,decision,rules,evidence\n/);
    assert.match(csv, /,通过,R\d\d[^\n]*已放行（shenhe，理由：已电话核实/);
    assert.equal(csv.split('\n').filter((l) => l.includes(',暂停,')).length, held - 1);
  } finally {
    await handler.close();
    await approver.close();
  }
});
