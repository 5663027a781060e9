// What every end-to-end test file shares: where the repository, the binary under test
// (QINGFENG_BIN, default ../../build/qingfeng) and the screenshots (QF_SCREENSHOTS, default
// build/screenshots) are, and logging in through the login page.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binary = resolve(process.env.QINGFENG_BIN || join(repo, 'build', 'qingfeng'));
export const shots = resolve(process.env.QF_SCREENSHOTS || join(repo, 'build', 'screenshots'));
mkdirSync(shots, { recursive: true });

// Logs `user` in on the server at `base` and waits for the dashboard.
export async function login(page, base, user, password = 'qingfeng-demo') {
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
}
