// End-to-end: the work report page (/report) over the demo district with its seeded case book.
// A handler opens it, the figures and the ECharts charts render, a figure drills down to its
// records, a bad period is a Chinese error on the page; 受理员 is refused. Screenshots:
// build/screenshots/report-web.png (the page) and report-web-figure.png (a drill-down).
//
// QINGFENG_BIN (default ../../build/qingfeng) is the binary under test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { openChartBrowser as open } from './browser.mjs';
import { binary, login as loginAt, repo, shots } from './harness.mjs';

let server;
before(async () => { server = await startServer(binary, join(repo, 'web'), { caseBook: true }); });
after(async () => { if (server) await server.stop(); });


const login = (page, user, password) => loginAt(page, server.base, user, password);

async function figure(page, id) {
  return (await page.textContent(`.kpi[data-figure="${id}"] strong`)).trim();
}

test('a handler opens the work report with charts and drills into a figure', async () => {
  const { page, close } = await open({ viewport: { width: 1366, height: 900 } });
  try {
    await login(page, 'chengban');
    await page.click('nav a[href="/report"]');
    await page.waitForURL(/\/report/);
    // The page opens on the year of the latest activity: the demo book's year.
    await page.waitForSelector('#report-heading');
    assert.match(await page.textContent('#report-heading'), /\d{4}年全区专项工作统计/);
    for (const id of ['clues.received', 'cases.filed', 'judicial.persons', 'findings.total']) {
      assert.ok(Number(await figure(page, id)) > 0, `${id} should not be zero`);
    }
    assert.match(await figure(page, 'money.recovered'), /^\d+\.\d\d$/);
    // ECharts drew the charts beside the numbers (SVG renderer, as app.js initialises it).
    await page.waitForSelector('#domain-扫黑除恶 .chart svg');
    const drawn = await page.$$eval('.chart', (charts) => charts.filter((c) => c.querySelector('svg, canvas')).length);
    assert.ok(drawn >= 7, `charts drawn: ${drawn}`);
    const bars = await page.$$eval('#domain-扫黑除恶 .chart svg path', (paths) => paths.length);
    assert.ok(bars > 0, 'the 扫黑除恶 chart has drawn shapes');
    await page.screenshot({ path: join(shots, 'report-web.png'), fullPage: true });

    await page.locator('#domain-民生').screenshot({ path: join(shots, 'report-web-section.png') });
    await page.locator('#sanzi-units').screenshot({ path: join(shots, 'report-web-sanzi.png') });
    await page.locator('#outside').screenshot({ path: join(shots, 'report-web-outside.png') });
    // A section's figure (issue 15 point 6) drills down to the records it counted, like the KPIs.
    const reportUrl = page.url();
    const problems = (await page.textContent('a[data-figure="section.民生.problems"]')).trim();
    assert.ok(Number(problems) > 0, `民生 problems: ${problems}`);
    await Promise.all([page.waitForURL(/\/report\/figure\?id=section\./),
      page.click('a[data-figure="section.民生.problems"]')]);
    const sectionRows = await page.$$eval('table.drilldown tbody tr', (trs) => trs.length);
    assert.equal(String(sectionRows), problems);
    await page.goto(reportUrl);

    // The number is a link to the records it counted.
    await Promise.all([page.waitForURL(/\/report\/figure\?id=cases\.filed&/),
      page.click('.kpi[data-figure="cases.filed"]')]);
    const rows = await page.$$eval('table.drilldown tbody tr', (trs) => trs.length);
    assert.equal(String(rows), await page.evaluate(() => document.querySelector('h1').textContent.match(/：(\d+)/)[1]));
    await page.screenshot({ path: join(shots, 'report-web-figure.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/cases\/\d+$/), page.click('table.drilldown tbody a >> nth=0')]);

    // A period that does not exist is a clear error on the page, not a crash.
    const res = await page.goto(`${server.base}/report?period=2024-Q5`);
    assert.equal(res.status(), 400);
    assert.match(await page.textContent('.alert'), /统计期间有误/);
  } finally {
    await close();
  }
});

test('the download links serve the report files and 受理员 is refused', async () => {
  const handler = await open();
  const intake = await open();
  try {
    await login(handler.page, 'chengban');
    await handler.page.goto(`${server.base}/report`);
    const href = await handler.page.getAttribute('a[href*="format=xlsx"]', 'href');
    const xlsx = await handler.page.request.get(`${server.base}${href}`);
    assert.equal(xlsx.status(), 200);
    assert.equal(xlsx.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = await xlsx.body();
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');

    await login(intake.page, 'shouli');
    assert.equal(await intake.page.$('nav a[href="/report"]'), null);
    const refused = await intake.page.goto(`${server.base}/report`);
    assert.equal(refused.status(), 403);
    assert.match(await intake.page.textContent('.message'), /无权查看工作报告/);
  } finally {
    await handler.close();
    await intake.close();
  }
});
