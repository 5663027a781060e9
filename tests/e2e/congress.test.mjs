// End-to-end, issue 15 points 3 and 4 on the demo store: the commission's 受理员 registers a
// 人大审议意见, splits it into a task for 城关街道监察办公室 (street-01), that street's staff answers it
// (已办结), and the opinion shows 已办结 / 共1项，已办结1项; a task of another unit offers that street
// no answer form. The 三为主一报告 list shows the demo's overdue report and the statistics; a stationed
// group's staff submits a report. Screenshots build/screenshots/70-congress-*.png, 72-oversight-*.png.
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
  for (const [name, role, unit, display, id] of [
    ['jiedao', 'liaison', 'street-01', '城关街道 林峰', '110101198607073016'],
    ['paizhu', 'handler', 'stationed-3', '派驻第三组 高远', '110101198708084021']]) {
    execFileSync(binary, ['--db', `sqlite:${join(server.dir, 'q.db')}`, 'user', 'add', name, '--role', role,
      '--unit', unit, '--display-name', display, '--id-number', id],
    { input: 'qingfeng-demo\n', env: { ...process.env, QINGFENG_KEY_FILE: join(server.dir, 'qingfeng.key') },
      stdio: ['pipe', 'ignore', 'pipe'] });
  }
});
after(async () => { if (server) await server.stop(); });

const desk = { viewport: { width: 1366, height: 900 } };
const login = (page, user) => loginAt(page, server.base, user);
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

test('an opinion is registered, split into a task, answered by its unit and shows 已办结', async () => {
  const clerk = await openBrowser(desk);
  const street = await openBrowser(desk);
  try {
    const page = clerk.page;
    await login(page, 'shouli');
    await page.goto(`${server.base}/congress`);
    await shot(page, '70-congress-list');
    assert.match(await page.textContent('#congress-items'), /审议意见/, 'the demo opinions are listed');
    await page.click('#new-item');
    await page.selectOption('#congress-form select[name=kind]', 'opinion');
    await page.fill('#congress-form input[name=received_on]', '2026-11-20');
    await page.fill('#congress-form input[name=source]', '区人大常委会第三十次会议');
    await page.fill('#congress-form input[name=doc_no]', '区人常审〔2026〕15号');
    await page.fill('#congress-form input[name=title]', '关于群众身边不正之风和腐败问题整治情况的审议意见');
    await page.fill('#congress-form textarea[name=body]', '一、加强对低保资金发放的日常监督；二、畅通群众反映问题渠道。');
    await Promise.all([page.waitForURL(/\/congress\/\d+$/), page.click('#congress-form button')]);
    const itemUrl = page.url();
    assert.match(await page.textContent('#item-status'), /待交办/);

    await page.selectOption('#task-form select[name=unit]', 'street-01');
    await page.fill('#task-form input[name=due_on]', '2027-03-31');
    await page.fill('#task-form textarea[name=content]', '对辖区低保对象开展入户复核，清理不符合条件对象');
    await Promise.all([page.waitForNavigation(), page.click('#task-form button')]);
    assert.match(await page.textContent('#item-summary'), /共1项，已办结0项/);
    assert.match(await page.textContent('#item-status'), /未开始/);
    assert.equal(await page.locator('.respond-form').count(), 0, 'the commission does not answer for the unit');
    await shot(page, '71-congress-split');

    // The street's staff answers its own task.
    await login(street.page, 'jiedao');
    await street.page.goto(itemUrl);
    await street.page.fill('.respond-form textarea[name=response]', '已完成入户复核 286 户，清退不符合条件对象 7 户。');
    await street.page.check('.respond-form input[name=done]');
    await Promise.all([street.page.waitForNavigation(), street.page.click('.respond-form button')]);
    assert.match(await street.page.textContent('#item-status'), /已办结/);
    assert.match(await street.page.textContent('#item-summary'), /共1项，已办结1项/);
    assert.match(await street.page.textContent('#history'), /答复人大交办任务/);

    // The commission sees the status; the street sees no other unit's demo tasks.
    await page.reload();
    assert.match(await page.textContent('#item-status'), /已办结/);
    await shot(page, '71-congress-answered');
    await street.page.goto(`${server.base}/congress?kind=审议意见`);
    await shot(street.page, '70-congress-street-list');
    const hrefs = await street.page.$$eval('#congress-items a[href^="/congress/"]', (as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
    for (const href of hrefs) {
      await street.page.goto(server.base + href);
      const units = await street.page.$$eval('#tasks tbody tr td:first-child', (tds) => tds.map((t) => t.textContent));
      for (const u of units) assert.match(u, /城关街道/, `${href} shows only the street's own tasks`);
    }
  } finally {
    await clerk.close();
    await street.close();
  }
});

test('三为主一报告: the list shows the overdue report and statistics; a group submits', async () => {
  const leader = await openBrowser(desk);
  const group = await openBrowser(desk);
  try {
    await login(leader.page, 'shenhe');
    await leader.page.goto(`${server.base}/oversight/reports`);
    assert.match(await leader.page.textContent('#report-stats'), /派驻第三纪检监察组/);
    assert.match(await leader.page.textContent('#reports'), /逾期未报/);
    await shot(leader.page, '72-oversight-reports');

    await login(group.page, 'paizhu');
    await group.page.goto(`${server.base}/oversight/reports?status=逾期未报`);
    await group.page.click('#reports tbody tr >> nth=0 >> a >> nth=1');
    await group.page.fill('#submit-form textarea[name=body]', '第三季度：列席驻在部门党组会议 3 次，开展廉政谈话 12 人次，督促整改问题 5 个。');
    await Promise.all([group.page.waitForNavigation(), group.page.click('#submit-form button')]);
    assert.match(await group.page.textContent('#report-status'), /已报送/);
    assert.match(await group.page.textContent('#report-fields'), /逾期/);
    await shot(group.page, '73-oversight-report');
  } finally {
    await leader.close();
    await group.close();
  }
});
