// End-to-end: sunshine approval (阳光审批). A community clerk submits an application and gets the
// receipt code; the 初审 with its 民主评议 record sends it to 公示; a citizen on a phone sees the
// masked 公示 of the community, raises an objection (which the staff page shows as a clue) and
// follows the application with the receipt code; a second application — a person the death
// registry lists — reaches 部门审批, where the approver's pre-check screen shows the R01 hit and
// refuses approval until the hit is acknowledged. Screenshots under build/screenshots/approval-*.
//
// The server reads an approval config written here (QINGFENG_APPROVAL_CONFIG): the second
// program's chain has no 公示, so the test need not wait seven days for it to reach the approver.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { openBrowser } from './browser.mjs';
import { binary, login as loginAt, repo, shots } from './harness.mjs';

let server;
let configDir;
let programs;  // [publicity program, program whose chain skips 公示]

before(async () => {
  // The programs come from the synthetic district; synth is deterministic, so a first server run
  // tells which means-tested programs exist. Two are needed: one keeps the default chain.
  configDir = mkdtempSync(join(tmpdir(), 'qingfeng-approval-e2e-'));
  const configFile = join(configDir, 'approval.toml');
  writeFileSync(configFile, '');
  process.env.QINGFENG_APPROVAL_CONFIG = configFile;
  server = await startServer(binary, join(repo, 'web'));
  const means = server.readCsv('programs.csv').filter((p) => p.means_tested === '1' || p.means_tested === '是');
  assert.ok(means.length >= 2, 'the synthetic district has two means-tested programs');
  programs = [means[0], means[1]];
  // Read once at start-up: restart the server with the short chain for the second program.
  await server.stop();
  writeFileSync(configFile, `[programs.${programs[1].code}]
steps = ["apply", "community_review", "street_review", "department_approval", "payment"]
`);
  server = await startServer(binary, join(repo, 'web'));
});
after(async () => {
  if (server) await server.stop();
  delete process.env.QINGFENG_APPROVAL_CONFIG;
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

// Persons with no official in their household or kin: R03 (优亲厚友) would ask for a 备案 first.
function withoutOfficials() {
  const persons = server.readCsv('persons.csv');
  const officials = new Set(server.readCsv('officials.csv').map((o) => o.id_number));
  const households = new Map();
  for (const p of persons) households.set(p.household_id, [...(households.get(p.household_id) || []), p.id_number]);
  const kin = new Map();
  for (const k of server.readCsv('kinship.csv')) {
    kin.set(k.id_number_a, [...(kin.get(k.id_number_a) || []), k.id_number_b]);
    kin.set(k.id_number_b, [...(kin.get(k.id_number_b) || []), k.id_number_a]);
  }
  return persons.filter((p) => p.community && ![...households.get(p.household_id), ...(kin.get(p.id_number) || [])]
    .some((id) => officials.has(id)));
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `approval-${name}.png`), fullPage: true });
}

const login = (page, user, password) => loginAt(page, server.base, user, password);

// Fills the clerk's form for `person` and submits it; returns [application id, receipt code].
async function submit(page, person, program, account, shotName) {
  await page.goto(`${server.base}/applications/new`);
  await page.selectOption('select[name=program_code]', program.code);
  await page.fill('input[name=community]', person.community);
  await page.fill('input[name=applicant_name]', person.name);
  await page.fill('input[name=id_number]', person.id_number);
  await page.fill('input[name=household_size]', '2');
  await page.fill('input[name=account_no]', account);
  await page.fill('input[name=bank]', '农村商业银行');
  await page.fill('input[name=declared_income]', '620.50');
  await page.fill('textarea[name=declared_assets]', '自住房一套，无车辆');
  await page.fill('textarea[name=reason]', '家庭成员长期患病，收入低于保障标准');
  if (shotName) await shot(page, shotName);
  await Promise.all([page.waitForSelector('#receipt-code'), page.click('#application-form button[type=submit]')]);
  const code = await page.getAttribute('#receipt-code', 'data-code');
  assert.match(code, /^\d{16}$/);
  const id = Number(await page.textContent('#application-link'));
  assert.ok(id > 0);
  return [id, code];
}

async function decide(page, id, fields = {}) {
  await page.goto(`${server.base}/applications/${id}`);
  if (fields.deliberation) await page.fill('#decide-form textarea[name=deliberation]', fields.deliberation);
  if (fields.reasons) await page.fill('#decide-form textarea[name=reasons]', fields.reasons);
  await Promise.all([page.waitForNavigation(), page.click('#decide-form button[type=submit]')]);
  const refused = await page.locator('#action-error').count() ? await page.textContent('#action-error') : '';
  assert.equal(refused, '');
}

test('a clerk submits, the public sees the 公示 and objects, and follows up by receipt code', async () => {
  const staff = await openBrowser({ viewport: { width: 1366, height: 900 } });
  const phone = await openBrowser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const deaths = new Set(server.readCsv('deaths.csv').map((d) => d.id_number));
    const person = withoutOfficials().find((p) => !deaths.has(p.id_number));
    await login(staff.page, 'chengban');
    await staff.page.goto(`${server.base}/applications`);
    await shot(staff.page, '01-list-empty');
    const [id, code] = await submit(staff.page, person, programs[0], '6217000010000000011', '02-clerk-form');
    await shot(staff.page, '03-receipt-code');

    await decide(staff.page, id, { deliberation: '村民代表会议民主评议，到会 15 人，同意 15 人' });
    assert.match(await staff.page.textContent('#application-status'), /公示/);
    await shot(staff.page, '04-in-publicity');

    // The public 公示 of the community: the name masked, no ID number anywhere.
    const page = phone.page;
    await page.goto(`${server.base}/m/gs`);
    await shot(page, '05-m-gs-index');
    await page.click(`text=${person.community}`);
    await page.waitForSelector('#publicity .gs-row');
    const body = await page.textContent('body');
    assert.doesNotMatch(body, /\d{17}[\dX]/, 'the 公示 shows no ID number');
    assert.ok(!body.includes(person.name) || person.name.length < 2, 'the name is masked');
    assert.match(body, /\*/);
    await shot(page, '06-m-gs');

    await page.click('.gs-object >> nth=0');
    await page.fill('#objection-form textarea[name=content]', '申请人家中新购小汽车一辆，不符合条件。');
    await shot(page, '07-m-objection-form');
    await page.click('#objection-form button[type=submit]');
    await page.waitForSelector('#objection-done');
    await shot(page, '08-m-objection-done');

    // The objection became a clue, linked from the application.
    await staff.page.goto(`${server.base}/applications/${id}`);
    await staff.page.waitForSelector('#objections a');
    await staff.page.click('#objections a >> nth=0');
    await staff.page.waitForSelector('#clue-fields');
    assert.match(await staff.page.textContent('#clue-fields'), /群众举报/);
    await shot(staff.page, '09-objection-clue');

    // The applicant's progress by receipt code: each step with its unit and date.
    await page.goto(`${server.base}/m/apply/status`);
    await page.fill('#status-form input[name=code]', code.replace(/(\d{4})(?=\d)/g, '$1 '));
    await page.click('#status-form button[type=submit]');
    await page.waitForSelector('#progress-steps');
    assert.match(await page.textContent('#progress-status'), /办理中/);
    assert.match(await page.textContent('#progress-steps'), /公示中/);
    assert.doesNotMatch(await page.textContent('body'), /\d{17}[\dX]/);
    await shot(page, '10-m-progress');

    // A forged objection (no CSRF token) is refused.
    const forged = await phone.context.request.post(`${server.base}/m/apply/status`, { form: { code } });
    assert.equal(forged.status(), 403);
  } finally {
    await staff.close();
    await phone.close();
  }
});

test('the approver must acknowledge each pre-check hit before approving', async () => {
  const clerk = await openBrowser({ viewport: { width: 1366, height: 900 } });
  const approver = await openBrowser({ viewport: { width: 1366, height: 1000 } });
  try {
    // A person the death registry lists: the pre-check's R01 (死亡人员冒领) must fire.
    const persons = new Map(withoutOfficials().map((p) => [p.id_number, p]));
    const dead = server.readCsv('deaths.csv').map((d) => persons.get(d.id_number)).find((p) => p);
    assert.ok(dead, 'the synthetic district has a deceased resident');
    await login(clerk.page, 'chengban');
    const [id] = await submit(clerk.page, dead, programs[1], '6217000010000000029');
    await decide(clerk.page, id, { deliberation: '民主评议通过' });
    await decide(clerk.page, id, { reasons: '街道审核同意' });
    assert.match(await clerk.page.textContent('#application-status'), /部门审批/);

    await login(approver.page, 'shenhe');
    // 审核领导 approves but does not submit on an applicant's behalf.
    assert.equal((await approver.page.goto(`${server.base}/applications/new`)).status(), 403);
    await approver.page.goto(`${server.base}/applications/${id}`);
    await approver.page.waitForSelector('#hits');
    assert.match(await approver.page.textContent('#hits'), /R01/);
    await shot(approver.page, '11-precheck-screen');

    // Approving with an unacknowledged hit is refused and says why.
    await Promise.all([approver.page.waitForNavigation(), approver.page.click('#decide-form button[type=submit]')]);
    assert.match(await approver.page.textContent('#action-error'), /确认/);
    await shot(approver.page, '12-approval-refused');

    const boxes = approver.page.locator('#acknowledge-form input[name=hit]');
    const n = await boxes.count();
    assert.ok(n >= 1);
    for (let i = 0; i < n; ++i) await boxes.nth(i).check();
    await approver.page.fill('#acknowledge-form textarea[name=note]', '经核实死亡登记为误报，已附派出所证明');
    await Promise.all([approver.page.waitForNavigation(), approver.page.click('#acknowledge-form button[type=submit]')]);
    assert.equal((await approver.page.textContent('#pending-hits')).trim(), '0');
    await shot(approver.page, '13-hits-acknowledged');

    await decide(approver.page, id, { reasons: '批准' });
    assert.match(await approver.page.textContent('#application-status'), /财政发放/);
    await shot(approver.page, '14-approved');
  } finally {
    await clerk.close();
    await approver.close();
  }
});
