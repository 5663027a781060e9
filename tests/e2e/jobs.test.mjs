// End-to-end: long work as background jobs (issue 14 point 6). A handler uploads two tables on
// /import; the POST answers at once with the job's page, whose progress fragment htmx polls
// in place (the page is never reloaded) until 完成; the result shows each table's counts and the
// comparison that followed, whose new findings link to the findings queue. 重新比对 is a job too,
// and /jobs lists them. Screenshots: build/screenshots/jobs-*.png.
//
// QINGFENG_BIN (default ../../build/qingfeng) is the binary under test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { openBrowser } from './browser.mjs';
import { binary, login as loginAt, repo, shots } from './harness.mjs';

let server;
before(async () => { server = await startServer(binary, join(repo, 'web')); });
after(async () => { if (server) await server.stop(); });

const login = (page, user, password) => loginAt(page, server.base, user, password);
const desk = { viewport: { width: 1280, height: 900 } };

// A paid person of the district who is alive in the registry: their death makes a new R01 finding.
function paidPerson() {
  const dead = new Set(server.readCsv('deaths.csv').map((d) => d.id_number));
  const payment = server.readCsv('payments.csv').find((p) => !dead.has(p.id_number));
  return { id: payment.id_number, name: payment.name };
}

test('an upload runs as a job: the progress page turns into the result without a reload', async () => {
  const { page, close } = await openBrowser(desk);
  try {
    await login(page, 'chengban');
    const { id, name } = paidPerson();
    const deaths = join(server.dir, 'deaths.csv');
    writeFileSync(deaths, `id_number,name,death_date,source\n${id},${name},2023-01-31,火化\n`);
    await page.goto(`${server.base}/import`);
    await page.setInputFiles('input[name=files]', [deaths, join(server.district, 'persons.csv')]);
    await Promise.all([page.waitForURL(/\/jobs\/\d+$/), page.click('form[action="/import"] button')]);
    const jobUrl = page.url();
    assert.match(await page.textContent('h1'), /后台任务 \d+：导入/);
    // Marks this document: a reload would lose the mark.
    await page.evaluate(() => { window.qfSamePage = true; });
    const state = await page.textContent('#job-state');
    assert.match(state, /排队|运行中|完成/);
    if (!/完成/.test(state)) {
      assert.ok(await page.$('#job-bar'), 'a running job shows its progress bar');
      await page.screenshot({ path: join(shots, 'jobs-progress.png'), fullPage: true });
    }
    await page.waitForFunction(() => /完成|失败/.test(document.querySelector('#job-state')?.textContent || ''),
      null, { timeout: 120000 });
    assert.equal(await page.evaluate(() => window.qfSamePage), true, 'the page was not reloaded');
    assert.equal(page.url(), jobUrl);
    assert.equal(await page.textContent('#job-state'), '完成');
    assert.equal(await page.$('#job-bar'), null, 'the bar goes when the job is done');

    // One row per table: file, table, outcome, encoding, read, imported, rejected, changed, removed.
    const rows = await page.$$eval('#job-tables tbody tr',
      (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
    assert.deepEqual(rows.find((r) => r[0] === 'deaths.csv'),
      ['deaths.csv', '死亡人员', '已导入', 'UTF-8', '1', '1', '0', '1', '0']);
    assert.deepEqual(rows.find((r) => r[0] === 'persons.csv'),
      ['persons.csv', '户籍人口', '已导入', 'UTF-8', '2000', '2000', '0', '0', '0']);
    assert.match(await page.textContent('#job-comparison'), /比对结果：第 \d+ 次比对/);
    await page.screenshot({ path: join(shots, 'jobs-result.png'), fullPage: true });

    // The new findings link leads to the findings queue, where the dead person's R01 finding is new.
    await Promise.all([page.waitForURL(/\/findings\?status=new/), page.click('#job-new')]);
    const findings = await page.textContent('body');
    assert.match(findings, /R01/);
    assert.match(findings, /新增/);

    // The result page outlives the fragment: opened again, it is the same result.
    await page.goto(jobUrl);
    assert.equal(await page.textContent('#job-state'), '完成');
    assert.match(await page.textContent('#job-tables'), /死亡人员/);
  } finally {
    await close();
  }
});

test('重新比对 is a job too, and /jobs lists the user\'s jobs with their state', async () => {
  const { page, close } = await openBrowser(desk);
  try {
    await login(page, 'chengban');
    await page.goto(`${server.base}/findings`);
    await Promise.all([page.waitForURL(/\/jobs\/\d+$/), page.click('form[action="/findings/check"] button')]);
    assert.match(await page.textContent('h1'), /后台任务 \d+：比对/);
    await page.waitForFunction(() => /完成|失败/.test(document.querySelector('#job-state')?.textContent || ''),
      null, { timeout: 120000 });
    assert.equal(await page.textContent('#job-state'), '完成');
    assert.match(await page.textContent('#job-comparison'), /R01/);

    await page.goto(`${server.base}/jobs`);
    const rows = await page.$$eval('#jobs tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.ok(rows.some((r) => /比对/.test(r) && /完成/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /导入/.test(r) && /完成/.test(r)), rows.join('\n'));
    await page.screenshot({ path: join(shots, 'jobs-list.png'), fullPage: true });
  } finally {
    await close();
  }
});

test('a 受理员 sees none of the handler\'s jobs', async () => {
  const { page, close } = await openBrowser(desk);
  try {
    await login(page, 'shouli');
    const res = await page.goto(`${server.base}/jobs/1`);
    assert.equal(res.status(), 404);
  } finally {
    await close();
  }
});
