// End-to-end: administration in the browser (issue 14 point 7) by the three separated
// administrators. The 系统管理员 creates an account (its password shown once); the 安全管理员
// grants it a role and resets its password; the new user logs in and changes their own password;
// the 审计管理员 finds the reset in the audit log and verifies the chain. Each administrator's
// menu holds their pages, not the case book. Screenshots: build/screenshots/admin-users.png,
// admin-audit.png.
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
before(async () => {
  server = await startServer(binary, join(repo, 'web'));
  // The administrators come from the command line, as on a new installation.
  for (const [name, role] of [['xitong', 'system_admin'], ['anquan', 'security_admin'], ['shenji', 'audit_admin']]) {
    execFileSync(binary, ['--db', `sqlite:${join(server.dir, 'q.db')}`, 'user', 'add', name, '--role', role],
      { input: `${name}-password-1\n`, env: { ...process.env, QINGFENG_KEY_FILE: join(server.dir, 'qingfeng.key') },
        stdio: ['pipe', 'ignore', 'pipe'] });
  }
});
after(async () => { if (server) await server.stop(); });

const login = (page, user, password) => loginAt(page, server.base, user, password);

test('accounts are made, granted, reset and changed by the right people, and audited', async () => {
  const b = await openBrowser({ viewport: { width: 1366, height: 900 } });
  const { page } = b;
  try {
    await login(page, 'xitong', 'xitong-password-1');
    assert.ok(await page.$('nav a[href="/admin/users"]'));
    assert.equal(await page.$('nav a[href="/clues"]'), null, 'no case book in an administrator\'s menu');
    await page.goto(`${server.base}/admin/users`);
    await page.fill('#create-user input[name=username]', 'xinren');
    await page.fill('#create-user input[name=display_name]', '新人');
    await page.fill('#create-user input[name=id_number]', '11010519491231002X');
    await Promise.all([page.waitForNavigation(), page.click('#create-user button')]);
    assert.match(await page.textContent('h1'), /账号已创建/);
    assert.ok((await page.textContent('#one-time-password')).length >= 10);

    await login(page, 'anquan', 'anquan-password-1');
    await page.goto(`${server.base}/admin/users`);
    const row = page.locator('#users tr', { hasText: 'xinren' });
    await row.locator('summary').click();
    await row.locator('input[value=handler]').check();
    await Promise.all([page.waitForNavigation(), row.locator('.roles-form button').click()]);
    assert.match(await page.textContent('.notice'), /角色已更新/);
    assert.match(await page.locator('#users tr', { hasText: 'xinren' }).textContent(), /承办人/);
    await page.screenshot({ path: join(shots, 'admin-users.png'), fullPage: false });
    await Promise.all([page.waitForNavigation(),
      page.locator('#users tr', { hasText: 'xinren' }).locator('form[action$="/reset-password"] button').click()]);
    const reset = (await page.textContent('#one-time-password')).trim();

    await login(page, 'xinren', reset);
    await page.goto(`${server.base}/account/password`);
    await page.fill('#password-form input[name=current]', reset);
    await page.fill('#password-form input[name=new]', 'xinren-own-password');
    await page.fill('#password-form input[name=confirm]', 'xinren-own-password');
    await Promise.all([page.waitForNavigation(), page.click('#password-form button')]);
    assert.match(await page.textContent('#password-notice'), /密码已修改/);
    await login(page, 'xinren', 'xinren-own-password');

    await login(page, 'shenji', 'shenji-password-1');
    assert.ok(await page.$('nav a[href="/admin/audit"]'));
    await page.goto(`${server.base}/admin/audit?action=user.reset_password`);
    assert.match(await page.textContent('#audit-rows'), /anquan/);
    await page.goto(`${server.base}/admin/audit?verify=1`);
    assert.match(await page.textContent('#verify-result'), /哈希链完整/);
    await page.screenshot({ path: join(shots, 'admin-audit.png'), fullPage: false });
  } finally {
    await b.close();
  }
});
