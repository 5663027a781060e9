// End-to-end, issue 14 points 8 and 9, over the demo district with its case book:
// - the dashboard's and the report page's charts keep every label inside the chart (the community
//   axis and the pie labels were cut), and 三资 findings are not counted as （无户籍）;
// - the report page takes a period typed as the report names it ("2025年", "2025年第3季度");
// - a citizen on a phone finds 公示 and 申请 from /m/, searches a community, keeps the typed
//   report after an error, checks payments with an ID typed with spaces (the page says 数据截至),
//   and gets a receipt code for a 公示 objection that /m/receipt then shows.
// Screenshots in build/screenshots/: 50-dashboard.png, 51-report-period.png, 52-m-index-search.png,
// 53-m-report-kept.png, 54-m-check-spaces.png, 55-m-objection-receipt.png.
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

// The texts of every drawn chart that stick out of their chart's box (ECharts' SVG renderer).
async function clippedLabels(page) {
  return page.$$eval('.chart', (charts) => {
    const out = [];
    for (const chart of charts) {
      const svg = chart.querySelector('svg');
      if (!svg) continue;
      const box = chart.getBoundingClientRect();
      // A pie shows every name in full: ECharts shortens a label that does not fit to "...".
      const pie = (chart.getAttribute('data-chart') || '').includes('"type":"pie"');
      for (const t of svg.querySelectorAll('text')) {
        if (pie && /\.\.\.|…/.test(t.textContent)) out.push(`shortened: ${t.textContent}`);
        if (!t.textContent.trim()) continue;
        const r = t.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 ||
            r.bottom > box.bottom + 1) {
          out.push(`${chart.closest('.card, section')?.querySelector('h2, h3')?.textContent}: ${t.textContent}`);
        }
      }
    }
    return out;
  });
}

test('the dashboard draws every chart label inside its chart; 三资 findings are not 无户籍', async () => {
  const { page, close } = await open({ viewport: { width: 1366, height: 900 } });
  try {
    await login(page, 'chengban');
    await page.waitForSelector('.chart svg text');
    const drawn = await page.$$eval('.chart', (cs) => cs.filter((c) => c.querySelector('svg')).length);
    assert.ok(drawn >= 4, `charts drawn: ${drawn}`);
    await page.screenshot({ path: join(shots, '50-dashboard.png'), fullPage: true });
    assert.deepEqual(await clippedLabels(page), []);

    // Each 三资 rule's findings name their community, and none is in the （无户籍） bucket.
    for (const rule of ['R17', 'R18', 'R19', 'R20']) {
      await page.goto(`${server.base}/findings?rule=${rule}`);
      assert.ok(Number(await page.textContent('#findings-total')) > 0, `${rule} has findings`);
      const communities = await page.$$eval('table.findings tbody tr td:nth-child(4)',
        (tds) => tds.map((td) => td.textContent.trim()));
      assert.ok(communities.every((c) => c !== '' && c !== '（无户籍）'), `${rule}: ${communities}`);
      await page.goto(`${server.base}/findings?community=${encodeURIComponent('（无户籍）')}&rule=${rule}`);
      assert.equal(await page.textContent('#findings-total'), '0', `${rule} listed as 无户籍`);
    }
  } finally {
    await close();
  }
});

test('the report page takes a period typed in Chinese and its pies keep their labels', async () => {
  const { page, close } = await open({ viewport: { width: 1366, height: 900 } });
  try {
    await login(page, 'chengban');
    await page.goto(`${server.base}/report`);
    await page.waitForSelector('#report-heading');
    const year = (await page.textContent('#report-heading')).match(/(\d{4})年/)[1];
    for (const [typed, heading] of [[`${year}年`, `${year}年全区`], [`${year}年第4季度`, `${year}年第四季度`],
      [`${year}年1月至6月`, `${year}年1月至6月`]]) {
      await page.fill('input[name=period]', typed);
      await Promise.all([page.waitForURL(/\/report\?/), page.click('form:has(input[name=period]) button[type=submit]')]);
      assert.equal(await page.$('.alert'), null, `${typed} refused: ${await page.textContent('main')}`);
      assert.ok((await page.textContent('#report-heading')).includes(heading), typed);
    }
    await page.fill('input[name=period]', `${year}年`);
    await Promise.all([page.waitForURL(/\/report\?/), page.click('form:has(input[name=period]) button[type=submit]')]);
    await page.waitForSelector('.chart svg text');
    await page.screenshot({ path: join(shots, '51-report-period.png'), fullPage: true });
    assert.deepEqual(await clippedLabels(page), []);

    // The report says nothing of figures that are zero, and its 一卡通 paragraph names ledger
    // rules only.
    const md = await page.evaluate(async (url) => (await fetch(url)).text(),
      `/report/download?format=md&period=${year}`);
    const prose = md.slice(0, md.indexOf('## 附表'));
    assert.doesNotMatch(prose, /\*\*0(\.00)?\*\*/);
    const yikatong = prose.slice(prose.indexOf('（二）'), prose.indexOf('\n### ', prose.indexOf('（二）') + 1));
    assert.doesNotMatch(yikatong, /拆分支付|合同输送|低价发包|未经公开程序|应收未收/);
  } finally {
    await close();
  }
});

test('a citizen on a phone: index, search, a report kept after an error, a check with spaces', async () => {
  const { page, close } = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    await page.goto(`${server.base}/m/`);
    assert.ok(await page.$('a[href="/m/gs"]'), '公示 link');
    assert.ok(await page.$('a[href="/m/apply"]'), '申请 link');
    const first = (await page.textContent('#communities li >> nth=0')).trim();
    const part = [...first].slice(0, 2).join('');
    await page.fill('input[name=q]', part);
    await Promise.all([page.waitForURL(/\/m\/\?q=/), page.click('#place-search button')]);
    const names = await page.$$eval('#communities li', (lis) => lis.map((li) => li.textContent.trim()));
    assert.ok(names.includes(first), `${first} among ${names}`);
    assert.ok(names.every((n) => n.includes(part)), names.join(','));
    await page.screenshot({ path: join(shots, '52-m-index-search.png'), fullPage: true });

    await page.goto(`${server.base}/m/report`);
    await page.selectOption('select[name=category]', '优亲厚友');
    await page.fill('textarea[name=content]', '村干部把低保给了自家亲戚。');
    await page.check('input[name=identity][value=real]');
    await page.fill('input[name=reporter_name]', '王大妈');
    await page.fill('input[name=reporter_phone]', '12ab');
    await page.click('button[type=submit]');
    await page.waitForSelector('.m-alert');
    assert.equal(await page.inputValue('textarea[name=content]'), '村干部把低保给了自家亲戚。');
    assert.equal(await page.inputValue('select[name=category]'), '优亲厚友');
    assert.equal(await page.inputValue('input[name=reporter_name]'), '王大妈');
    assert.ok(await page.isChecked('input[name=identity][value=real]'));
    await page.screenshot({ path: join(shots, '53-m-report-kept.png'), fullPage: true });

    const payments = server.readCsv('payments.csv');
    const persons = new Map(server.readCsv('persons.csv').map((p) => [p.id_number, p.name]));
    const latest = payments.filter((p) => persons.get(p.id_number) === p.name)
      .sort((a, b) => a.paid_date.localeCompare(b.paid_date)).at(-1);
    const id = latest.id_number;
    await page.goto(`${server.base}/m/check`);
    assert.match(await page.textContent('#as-of'), /数据截至 \d{4}年\d{1,2}月\d{1,2}日/);
    await page.fill('input[name=id_number]', `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`);
    await page.fill('input[name=name]', latest.name);
    await page.click('button[type=submit]');
    await page.waitForSelector('#payments');
    assert.match(await page.textContent('#as-of'), /数据截至 \d{4}年\d{1,2}月\d{1,2}日/);
    await page.screenshot({ path: join(shots, '54-m-check-spaces.png'), fullPage: true });
  } finally {
    await close();
  }
});

test('a 公示 objection gets a receipt code that /m/receipt shows', async () => {
  const { page, close } = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    await page.goto(`${server.base}/m/`);
    await Promise.all([page.waitForURL(/\/m\/gs$/), page.click('a[href="/m/gs"] >> nth=0')]);
    await page.click('main a[href^="/m/gs/"] >> nth=0');
    await page.click('a[href*="/object/"] >> nth=0');
    await page.fill('textarea[name=content]', '申请人家里有两辆车。');
    await page.click('#objection-form button[type=submit]');
    await page.waitForSelector('#receipt-code');
    const code = await page.getAttribute('#receipt-code', 'data-code');
    assert.match(code, /^\d{16}$/);
    await page.screenshot({ path: join(shots, '55-m-objection-receipt.png'), fullPage: true });
    await page.goto(`${server.base}/m/receipt`);
    await page.fill('input[name=code]', code);
    await page.click('button[type=submit]');
    await page.waitForSelector('#report-status');
    assert.match(await page.textContent('main'), /申请人家里有两辆车/);
  } finally {
    await close();
  }
});
