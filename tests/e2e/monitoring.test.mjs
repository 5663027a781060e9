// End-to-end: continuous monitoring (issue 17). A handler makes a clue of an R02 finding; the civil
// registry's death record of that person is then imported from the web; the comparison re-runs in
// the import's background job, the new R01 finding joins the open clue, and it lands in 我的待办 on the
// dashboard, which the handler follows to the clue and marks done. Screenshots:
// build/screenshots/monitoring-todo.png, monitoring-import.png.
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

test('a death record imported from the web joins the open clue about that person as a 待办', async () => {
  const { page, close } = await openBrowser({ viewport: { width: 1366, height: 900 } });
  try {
    await login(page, 'chengban');
    await page.goto(`${server.base}/findings?rule=R02`);
    await page.click('a.finding-link >> nth=0');
    await page.waitForSelector('#evidence');
    // The recipient is the first person the evidence names: 姓名（ID）.
    const m = (await page.textContent('#evidence')).match(/([^（\s：]+)（(\d{17}[\dX])）/);
    assert.ok(m, 'the evidence names the recipient with the full ID for a handler');
    const [, name, id] = m;
    await Promise.all([page.waitForURL(/\/clues\/\d+$/), page.click('#promote-one')]);
    const clue = page.url().match(/\/clues\/(\d+)$/)[1];

    const deaths = join(server.dir, 'deaths.csv');
    writeFileSync(deaths, `id_number,name,death_date,source\n${id},${name},2024-12-31,火化\n`);
    await page.goto(`${server.base}/import`);
    await page.setInputFiles('input[name=files]', deaths);
    // The import and the comparison after it run as a background job: its page polls until done.
    await Promise.all([page.waitForURL(/\/jobs\/\d+$/), page.click('form[action="/import"] button')]);
    await page.waitForFunction(() => /完成|失败/.test(document.querySelector('#job-state')?.textContent || ''),
      null, { timeout: 120000 });
    assert.match(await page.textContent('#job-body'), /已导入/);

    // The 待办 appears once the comparison is done.
    let todo = null;
    for (let i = 0; i < 60 && !todo; ++i) {
      await page.goto(`${server.base}/`);
      todo = await page.$(`#todos a[href="/clues/${clue}"]`);
      if (!todo) await page.waitForTimeout(500);
    }
    assert.ok(todo, 'a 待办 about the clue appears on the dashboard');
    assert.match(await todo.textContent(), /持续监测：新增比对发现 R01/);
    assert.doesNotMatch(await page.textContent('#todos'), new RegExp(id));
    await page.locator('#todos').screenshot({ path: join(shots, 'monitoring-todo.png') });

    // Each import shows what its comparison found new and gone.
    await page.goto(`${server.base}/import`);
    assert.match(await page.textContent('body'), /第 \d+ 次：新增 \d+ 条，消失 \d+ 条/);
    await page.screenshot({ path: join(shots, 'monitoring-import.png'), fullPage: true });

    // 已阅办结 takes one off the list (the death may make one R01 finding per program).
    await page.goto(`${server.base}/`);
    const before = (await page.$$('#todos li')).length;
    await Promise.all([page.waitForNavigation(), page.click('#todos form button')]);
    assert.equal((await page.$$('#todos li')).length, before - 1);
  } finally {
    await close();
  }
});
