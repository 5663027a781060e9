// End-to-end, issue 14 point 5: 文书 and 证据附件 on the demo case book. A 承办人 issues a 立案决定书
// on a case and sees its 文号 and the printable page; the 审核领导 edits the template and the next
// document carries the new version; an evidence file goes up and comes down byte for byte with
// its SHA-256 shown; 受理员 gets no download and a 403 for the link. Screenshots go to
// build/screenshots/60-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { openBrowser } from './browser.mjs';
import { binary, login as loginAt, repo, shots } from './harness.mjs';

let server;
let caseUrl;  // the case the tests work on
before(async () => { server = await startServer(binary, join(repo, 'web'), { caseBook: true }); });
after(async () => { if (server) await server.stop(); });

const desk = { viewport: { width: 1366, height: 900 } };
const login = (page, user) => loginAt(page, server.base, user);
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const beijingYear = () => new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();

// The first case whose page offers a 立案决定书 to this user.
async function caseOfferingFiling(page) {
  await page.goto(`${server.base}/cases`);
  const links = await page.$$eval('table.list tbody a[href^="/cases/"]', (as) => as.map((a) => a.getAttribute('href')));
  for (const href of links) {
    await page.goto(server.base + href);
    if (await page.$('#issue-document option:text("立案决定书")')) return page.url();
  }
  throw new Error('no case offers a 立案决定书');
}

async function issueFiling(page) {
  await page.selectOption('#issue-document select[name=type]', { label: '立案决定书' });
  await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.click('#issue-document button')]);
}

test('a 承办人 issues a 立案决定书 on a case: its 文号, the formal page, the list under 文书', async () => {
  const { page, close } = await openBrowser(desk);
  try {
    await login(page, 'chengban');
    caseUrl = await caseOfferingFiling(page);
    await shot(page, '60-case-documents');
    await issueFiling(page);
    const year = beijingYear();
    assert.equal((await page.textContent('.paper-title')).trim(), '立案决定书');
    assert.equal((await page.textContent('.paper-number')).trim(), `清监立〔${year}〕1号`);
    assert.match(await page.textContent('.paper-sign'), /区纪委监委\s*二〇[〇一二三四五六七八九]{2}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日/);
    assert.match(await page.textContent('.paper-body'), /经审批，本机关决定立案调查/);
    assert.match(await page.textContent('.notice'), new RegExp(`已制发文书 清监立〔${year}〕1号`));
    await shot(page, '60-document');
    await page.emulateMedia({ media: 'print' });
    await shot(page, '60-document-print');
    // Printed (page.pdf renders the print media emulated here): one A4 page, 595 × 842 pt.
    const pdf = (await page.pdf({ preferCSSPageSize: true, path: join(shots, '60-document.pdf') })).toString('latin1');
    assert.match(pdf, /\/Type\s*\/Pages\b[^>]*\/Count 1\b|\/Count 1\b[^>]*\/Type\s*\/Pages\b/, 'one page');
    assert.match(pdf, /\/MediaBox\s*\[\s*0 0 59[45]\.\d+ 84[12]\.\d+\s*\]/, 'A4');
    await page.emulateMedia({ media: 'screen' });
    await page.goto(caseUrl);
    assert.match(await page.textContent('#document-list'), new RegExp(`清监立〔${year}〕1号\\s*立案决定书\\s*承办人 王强|清监立〔${year}〕1号`));
    assert.match(await page.textContent('#history'), /制发文书/);
  } finally {
    await close();
  }
});

test('审核领导 edits the template: a new version, and the next document renders from it', async () => {
  const { page, close } = await openBrowser(desk);
  try {
    await login(page, 'shenhe');
    await page.click('nav.side a[href="/documents/templates"]');
    await shot(page, '60-templates');
    await page.click('#template-list a:text("立案决定书")');
    const body = await page.inputValue('#template-form textarea[name=body]');
    await page.fill('#template-form textarea[name=body]', `（经集体研究）\n${body}`);
    await page.fill('#template-form input[name=note]', '增加集体研究的表述');
    await Promise.all([page.waitForNavigation(), page.click('#template-form button')]);
    assert.match(await page.textContent('.notice'), /模板已保存为第 2 版/);
    assert.match(await page.textContent('#versions'), /第 2 版[\s\S]*增加集体研究的表述[\s\S]*第 1 版/);
    await shot(page, '60-template-edit');

    await page.goto(caseUrl);
    await issueFiling(page);
    assert.equal((await page.textContent('.paper-number')).trim(), `清监立〔${beijingYear()}〕2号`);
    assert.match(await page.textContent('.paper-body'), /^\s*（经集体研究）/);
    assert.match(await page.textContent('.paper-tools'), /模板第 2 版/);
    // 审核领导 sees ID numbers masked, inside documents too.
    assert.doesNotMatch(await page.textContent('.paper'), /\d{17}[\dX]/);
  } finally {
    await close();
  }
});

test('an evidence file goes up with its SHA-256 and comes down byte for byte; 受理员 is refused', async () => {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(4096)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const handler = await openBrowser(desk);
  const clerk = await openBrowser(desk);
  try {
    const page = handler.page;
    await login(page, 'chengban');
    await page.goto(caseUrl);
    await page.setInputFiles('#upload-attachment input[type=file]', { name: '银行流水.pdf', mimeType: 'application/pdf', buffer: bytes });
    await page.fill('#upload-attachment input[name=note]', '开户行调取的银行流水');
    await Promise.all([page.waitForNavigation(), page.click('#upload-attachment button')]);
    const row = await page.textContent('#attachment-list');
    assert.match(row, /银行流水\.pdf/);
    assert.ok(row.includes(sha256), 'the SHA-256 of the file is shown');
    await shot(page, '60-attachments');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#attachment-list a:text("银行流水.pdf")'),
    ]);
    assert.equal(download.suggestedFilename(), '银行流水.pdf');
    assert.ok(readFileSync(await download.path()).equals(bytes), 'the same bytes come back');
    await page.goto(caseUrl);
    assert.match(await page.textContent('#history'), /上传证据附件[\s\S]*下载证据附件/);
    const caseFile = await page.getAttribute('#attachment-list a', 'href');
    // The same evidence on the case's source clue, which a 受理员 may open.
    const clueUrl = server.base + await page.getAttribute('#case-fields a[href^="/clues/"]', 'href');
    await page.goto(clueUrl);
    await page.setInputFiles('#upload-attachment input[type=file]', { name: '举报材料.pdf', mimeType: 'application/pdf', buffer: bytes });
    await Promise.all([page.waitForNavigation(), page.click('#upload-attachment button')]);
    const clueFile = await page.getAttribute('#attachment-list a', 'href');

    await login(clerk.page, 'shouli');
    await clerk.page.goto(clueUrl);
    assert.match(await clerk.page.textContent('#attachment-list'), /举报材料\.pdf/);
    assert.equal(await clerk.page.$('#attachment-list a'), null, '受理员 gets no download link');
    assert.match(await clerk.page.textContent('#attachments'), /您的角色不能下载证据附件/);
    assert.equal(await clerk.page.$('#upload-attachment'), null, '受理员 uploads nothing');
    assert.equal(await clerk.page.$('#issue-document'), null, '受理员 issues no documents');
    await shot(clerk.page, '60-clue-attachments-clerk');
    const refused = await clerk.page.goto(server.base + clueFile);
    assert.equal(refused.status(), 403);
    assert.match(await clerk.page.textContent('main'), /无权下载证据附件/);
    await shot(clerk.page, '60-attachment-refused');
    // A case the 受理员 may not open does not exist to them, nor do its files.
    assert.equal((await clerk.page.goto(server.base + caseFile)).status(), 404);
    const editor = await clerk.page.goto(`${server.base}/documents/templates/filing`);
    assert.equal(editor.status(), 200);
    assert.equal(await clerk.page.$('#template-form'), null, '受理员 reads templates but does not edit them');
  } finally {
    await handler.close();
    await clerk.close();
  }
});
