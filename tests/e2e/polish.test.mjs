// End-to-end, issue 14 point 2 as a commission clerk reads each page, over the demo district with
// its case book:
// - 审计日志 names every action in Chinese, never a code like case.close;
// - the approval page shows the pre-check's time in Beijing minutes and people by name, and its
//   tables' headers are never wrapped one character per line;
// - 最近导入 shows when the import ran in Beijing time (the importer stores UTC);
// - 所属期 in the findings list is never empty;
// - the dashboard's 按规则 axis shows R01 … R26 without overlap, bars drawn at once;
// - the system administrator is not offered 停用 on their own account.
// Screenshots in build/screenshots/: 60-audit-labels.png, 61-approval.png, 62-import.png,
// 63-findings-period.png, 64-dashboard-rules.png, 65-admin-users-self.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { openBrowser } from './browser.mjs';
import { binary, login as loginAt, repo, shots } from './harness.mjs';

let server;
before(async () => {
  server = await startServer(binary, join(repo, 'web'), { caseBook: true });
  for (const [name, role] of [['xitong', 'system_admin'], ['shenji', 'audit_admin']]) {
    execFileSync(binary, ['--db', `sqlite:${join(server.dir, 'q.db')}`, 'user', 'add', name, '--role', role],
      { input: `${name}-password-1\n`, env: { ...process.env, QINGFENG_KEY_FILE: join(server.dir, 'qingfeng.key') },
        stdio: ['pipe', 'ignore', 'pipe'] });
  }
});
after(async () => { if (server) await server.stop(); });

const kWaitMs = 120000;

async function open(viewport = { width: 1366, height: 900 }) {
  const browser = await openBrowser({ viewport });
  browser.page.setDefaultTimeout(kWaitMs);
  browser.page.setDefaultNavigationTimeout(kWaitMs);
  return browser;
}

const login = (page, user, password) => loginAt(page, server.base, user, password);
const kCode = /^[a-z_]+(\.[a-z_]+)?$/;  // an action or entity code

test('审计日志 labels every action and object in Chinese', async () => {
  const { page, close } = await open();
  try {
    await login(page, 'shenji', 'shenji-password-1');
    const codes = new Set();
    let shown = 0;
    for (let n = 1; ; ++n) {
      await page.goto(`${server.base}/admin/audit?size=100&page=${n}`);
      const labels = await page.$$eval('#audit-rows tbody tr', (trs) => trs.flatMap((tr) =>
        [4, 5].map((n) => tr.querySelector(`td:nth-child(${n})`))
          .map((td) => [td.getAttribute('title'), td.textContent.trim()])));
      if (n === 1) await page.screenshot({ path: join(shots, '60-audit-labels.png'), fullPage: false });
      for (const [code, label] of labels) {
        ++shown;
        if (kCode.test(label)) codes.add(code);
      }
      if (labels.length < 200 || n >= 60) break;
    }
    assert.ok(shown > 100, `entries read: ${shown}`);
    assert.deepEqual([...codes], []);
  } finally {
    await close();
  }
});

test('the approval page: Beijing time, names, headers on one line', async () => {
  // A laptop's width: the evidence column took the narrow columns' room, one character a line.
  const { page, close } = await open({ width: 1024, height: 768 });
  try {
    await login(page, 'shenhe');
    await page.goto(`${server.base}/applications`);
    const links = await page.$$eval('a[href^="/applications/"]', (as) =>
      [...new Set(as.map((a) => a.getAttribute('href')).filter((h) => /^\/applications\/\d+$/.test(h)))]);
    assert.ok(links.length > 0);
    let checked = 0;
    for (const link of links) {
      await page.goto(`${server.base}${link}`);
      const text = await page.textContent('main');
      assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z/, link);
      assert.doesNotMatch(text, /\b(chengban|shouli|shenhe|jiandu|sunli|wangqiang)\b/, link);
      if (/审批前比对（/.test(text)) {
        assert.match(text, /审批前比对（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）/, link);
        if (checked === 0) await page.screenshot({ path: join(shots, '61-approval.png'), fullPage: true });
        ++checked;
      }
      // Each header is one line: its content no taller than one line of its font.
      const tall = await page.$$eval('table.list th', (ths) => ths
        .filter((th) => th.textContent.trim())
        .filter((th) => {
          const cs = getComputedStyle(th);
          const inner = th.getBoundingClientRect().height - parseFloat(cs.paddingTop) -
            parseFloat(cs.paddingBottom);
          return inner > 1.8 * parseFloat(cs.fontSize);
        })
        .map((th) => th.textContent.trim()));
      assert.deepEqual(tall, [], link);
    }
    assert.ok(checked > 0, 'an application with its pre-check');
  } finally {
    await close();
  }
});

test('最近导入 shows the import time in Beijing time', async () => {
  const { page, close } = await open();
  try {
    await login(page, 'chengban');
    await page.goto(`${server.base}/import`);
    const times = await page.$$eval('#import-log table tbody tr td:nth-child(9)',
      (tds) => tds.map((td) => td.textContent.trim()));
    await page.screenshot({ path: join(shots, '62-import.png'), fullPage: true });
    assert.ok(times.length > 0);
    // The demo imported a few minutes ago: read as Beijing (UTC+8), the time is now, not 8 h off.
    for (const t of times) {
      const m = t.match(/^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/);
      assert.ok(m, t);
      const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5]);
      assert.ok(Math.abs(Date.now() - utc) < 60 * 60 * 1000, `${t} is not Beijing now`);
    }
  } finally {
    await close();
  }
});

test('所属期 in the findings list is never empty', async () => {
  const { page, close } = await open();
  try {
    await login(page, 'chengban');
    await page.goto(`${server.base}/findings?size=100`);
    const periods = await page.$$eval('table.findings tbody tr td:nth-child(6)',
      (tds) => tds.map((td) => td.textContent.trim()));
    await page.screenshot({ path: join(shots, '63-findings-period.png'), fullPage: false });
    assert.ok(periods.length > 0);
    assert.deepEqual(periods.filter((p) => p === ''), []);
    assert.ok(periods.some((p) => /^\d{4}/.test(p)), periods.join(' '));
  } finally {
    await close();
  }
});

test('the dashboard: 按规则 axis labels do not overlap, bars are drawn at once', async () => {
  const { page, close } = await open();
  try {
    await login(page, 'chengban');
    await page.waitForSelector('.chart svg text');
    const chart = page.locator('section, .card', { has: page.locator('h2', { hasText: '按规则' }) })
      .locator('.chart').first();
    const { labels, overlaps, bars } = await chart.evaluate((el) => {
      // Each label as the rectangle it is drawn in (rotated with the axis labels): its centre on
      // the screen, its width and height along its own direction.
      const texts = [...el.querySelectorAll('svg text')]
        .filter((t) => /^R\d{2}/.test(t.textContent.trim()))
        .map((t) => {
          const r = t.getBoundingClientRect(), box = t.getBBox(), m = t.getScreenCTM();
          const scale = Math.hypot(m.a, m.b);
          return { text: t.textContent.trim(), x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2,
            w: box.width * scale, h: box.height * scale, angle: Math.atan2(m.b, m.a) };
        });
      const out = [];
      for (let i = 0; i < texts.length; ++i) {
        for (let j = i + 1; j < texts.length; ++j) {
          const a = texts[i], b = texts[j];
          const dx = b.x - a.x, dy = b.y - a.y;
          const along = Math.abs(dx * Math.cos(a.angle) + dy * Math.sin(a.angle));
          const across = Math.abs(-dx * Math.sin(a.angle) + dy * Math.cos(a.angle));
          if (along < (a.w + b.w) / 2 - 0.5 && across < (a.h + b.h) / 2 - 0.5) {
            out.push(`${a.text}/${b.text}`);
          }
        }
      }
      const drawn = [...el.querySelectorAll('svg path')]
        .filter((p) => p.getAttribute('fill') === '#b22222' || p.style.fill === 'rgb(178, 34, 34)')
        .filter((p) => p.getBoundingClientRect().height > 1).length;
      return { labels: texts.map((t) => t.text), overlaps: out, bars: drawn };
    });
    await page.screenshot({ path: join(shots, '64-dashboard-rules.png'), fullPage: false });
    assert.ok(labels.length >= 5, labels.join(' '));
    assert.ok(labels.every((l) => /^R\d{2}$/.test(l)), labels.join(' '));
    assert.deepEqual(overlaps, []);
    assert.ok(bars > 0, 'bars drawn without waiting for an animation');
  } finally {
    await close();
  }
});

test('the system administrator is not offered 停用 on their own account', async () => {
  const { page, close } = await open();
  try {
    await login(page, 'xitong', 'xitong-password-1');
    await page.goto(`${server.base}/admin/users`);
    const own = page.locator('#users tbody tr', { has: page.locator('td:first-child', { hasText: /^xitong$/ }) });
    assert.equal(await own.count(), 1);
    assert.equal(await own.locator('form[action$="/disabled"]').count(), 0);
    const others = await page.locator('#users form[action$="/disabled"]').count();
    assert.ok(others > 0, 'other accounts keep 停用');
    await page.screenshot({ path: join(shots, '65-admin-users-self.png'), fullPage: true });
  } finally {
    await close();
  }
});
