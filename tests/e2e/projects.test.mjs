// End-to-end: the 项目资金 and 三资 pages (issue 16) over a synthetic district. A handler opens the
// project ledger, a project with a planted R22 finding (timeline, payments, invoices, the finding),
// the 线上全程监管 view, and the 三资 page of a community with a planted R26 contract (rent due
// against received by year, the finding). Screenshots: build/screenshots/project.png,
// project-supervision.png and sanzi.png.
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
before(async () => { server = await startServer(binary, join(repo, 'web')); });
after(async () => { if (server) await server.stop(); });

// The planted truth rows of a rule (truth.csv: rule,id_number,program_code,period,account_no,ref).
function truth(rule) {
  return readFileSync(join(server.district, 'truth.csv'), 'utf8').trim().split('\n')
    .map((l) => l.split(',')).filter((f) => f[0] === rule).map((f) => f[5]);
}

const login = (page, user, password) => loginAt(page, server.base, user, password);

test('a handler opens a project from the ledger and sees its timeline and finding', async () => {
  const { context, page } = await openBrowser();
  try {
    await login(page, 'chengban');
    await page.click('nav a[href="/projects"]');
    await page.waitForSelector('#projects');
    const project = truth('R22')[0];
    assert.ok(project, 'the district plants R22');
    await page.goto(`${server.base}/projects/${project}`);
    assert.match(await page.textContent('h1'), new RegExp(project));
    const steps = await page.$$eval('#timeline li strong', (els) => els.map((e) => e.textContent));
    assert.deepEqual(steps, ['申报', '批准', '预拨', '验收', '拨付']);
    assert.match(await page.textContent('#project-findings'), /R22 超额拨付/);
    assert.ok(await page.$('#invoices'));
    await page.screenshot({ path: join(shots, 'project.png'), fullPage: true });

    await page.goto(`${server.base}/projects/supervision`);
    assert.match(await page.textContent('body'), /线上全程监管/);
    assert.ok((await page.$$('section.department')).length > 0);
    await page.screenshot({ path: join(shots, 'project-supervision.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('a handler opens a community\'s 三资 page with rent due against received', async () => {
  const { context, page } = await openBrowser();
  try {
    await login(page, 'chengban');
    const contract = truth('R26')[0];
    assert.ok(contract, 'the district plants R26');
    const row = server.readCsv('collective_contracts.csv').find((r) => r.contract_id === contract);
    await page.click('nav a[href="/sanzi"]');
    await page.click(`#communities a:text-is("${row.community}")`);
    await page.waitForSelector('#rent-years');
    assert.match(await page.textContent('h1'), new RegExp(row.community));
    assert.match(await page.textContent('#sanzi-findings'), new RegExp(`R26 应收未收`));
    assert.match(await page.textContent('#sanzi-findings'), new RegExp(contract));
    assert.ok((await page.$$('#rent-years .badge')).length > 0, 'a year short of rent is marked');
    await page.screenshot({ path: join(shots, 'sanzi.png'), fullPage: true });
  } finally {
    await context.close();
  }
});
