// The DuckDB peer of the engine benchmark: loads a district's CSV files (every column as VARCHAR,
// then typed by load_duckdb.sql), runs the rules of rules_duckdb.sql, and compares its findings
// with qingfeng's findings export on the key columns, rule by rule.
//
//   node duckdb_rules.mjs [--db=FILE] DISTRICT_DIR [QINGFENG_FINDINGS_CSV [DIFF_CSV]]
//
// With --db the data lives in a DuckDB database file: loaded into it when the file holds no
// tables yet, else used as it is (no load: DuckDB's rules alone on its own file). The rules then
// run in a transaction that is rolled back, so the file keeps the loaded tables only.
// Prints per-rule times and counts, then the lines `load_seconds=…` and `rules_seconds=…` that
// run.sh reads. DIFF_CSV receives every key found by only one side (column `side`).
import { DuckDBInstance, version } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dbArg = process.argv.slice(2).find((a) => a.startsWith('--db='));
const dbFile = dbArg ? dbArg.slice('--db='.length) : ':memory:';
const [districtDir, findingsCsv, diffCsv] = process.argv.slice(2).filter((a) => a !== dbArg);
if (!districtDir) {
  console.error('usage: node duckdb_rules.mjs DISTRICT_DIR [FINDINGS_CSV [DIFF_CSV]]');
  process.exit(2);
}

// The columns of spec/dataset.md that the rules read, per table (English headers).
const kTables = {
  persons: ['id_number', 'name', 'sex', 'birth_date', 'community', 'household_id'],
  deaths: ['id_number', 'death_date'],
  officials: ['id_number', 'category', 'community', 'start_date', 'end_date'],
  kinship: ['id_number_a', 'id_number_b'],
  companies: ['id_number', 'role', 'status', 'registered_date'],
  vehicles: ['id_number', 'vehicle_type', 'registered_date'],
  properties: ['certificate_no', 'id_number', 'usage', 'registered_date'],
  programs: ['code', 'means_tested', 'period', 'standard', 'max_amount', 'min_age', 'max_age',
    'exclusive_group'],
  enrolments: ['program_code', 'id_number', 'community', 'start_date', 'end_date'],
  cards: ['account_no', 'id_number', 'status'],
  payments: ['payment_id', 'program_code', 'id_number', 'name', 'account_no', 'amount', 'period',
    'paid_date'],
};
const kKey = ['rule', 'id_number', 'program_code', 'period', 'account_no', 'ref'];

const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const ident = (s) => `"${s.replaceAll('"', '""')}"`;
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

// Splits a SQL file at semicolons that end a line; drops chunks holding only comments.
function chunks(path) {
  return readFileSync(path, 'utf8').split(/;[ \t]*$/m)
    .map((c) => c.trim())
    .filter((c) => c.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('--')));
}

const instance = await DuckDBInstance.create(dbFile);
const con = await instance.connect();
const threads = (await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
console.log(`DuckDB ${version()} (@duckdb/node-api), ${threads} threads, ` +
  (dbFile === ':memory:' ? 'in-memory' : `database file ${dbFile}`));
const loaded = (await con.runAndReadAll(
  "SELECT count(*) FROM information_schema.tables WHERE table_name = 'payments'")).getRows()[0][0];

// ---- load
let t0 = process.hrtime.bigint();
const rowCounts = {};
if (Number(loaded) > 0) {
  console.log('load: skipped (the tables are already in the database file)');
} else {
  await loadTables();
}
for (const table of Object.keys(kTables)) {
  const r = await con.runAndReadAll(`SELECT count(*) FROM ${table}`);
  rowCounts[table] = Number(r.getRows()[0][0]);
}
const loadSeconds = Number(loaded) > 0 ? 0 : seconds(t0);
console.log(`load: ${loadSeconds.toFixed(2)} s (` +
  Object.entries(rowCounts).map(([t, n]) => `${t} ${n}`).join(', ') + ')');
if (dbFile !== ':memory:') await con.run('BEGIN TRANSACTION');

async function loadTables() {
  for (const [table, columns] of Object.entries(kTables)) {
    const file = join(districtDir, `${table}.csv`);
    let select;
    if (existsSync(file)) {
      const source = `read_csv(${quote(file)}, header = true, all_varchar = true, delim = ',', ` +
        `quote = '"', escape = '"')`;
      const described = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
      const present = new Set(described.getRows().map((r) => String(r[0])));
      const list = columns.map((c) => (present.has(c) ? ident(c) : `CAST(NULL AS VARCHAR) AS ${ident(c)}`));
      select = `SELECT ${list.join(', ')} FROM ${source}`;
    } else {
      console.log(`  ${table}.csv absent: empty table`);
      select = `SELECT ${columns.map((c) => `CAST(NULL AS VARCHAR) AS ${ident(c)}`).join(', ')} LIMIT 0`;
    }
    await con.run(`CREATE TABLE raw_${table} AS ${select}`);
  }
  for (const statement of chunks(join(here, 'load_duckdb.sql'))) await con.run(statement);
  for (const table of Object.keys(kTables)) await con.run(`DROP TABLE raw_${table}`);
}

// ---- rules
await con.run(`CREATE TABLE duck_findings (${kKey.map((k) => `${k} VARCHAR`).join(', ')})`);
const rules = [];
const helpers = [];
for (const chunk of chunks(join(here, 'rules_duckdb.sql'))) {
  const m = chunk.match(/^-- RULE (R\d\d) needs (.*)$/m);
  if (m) rules.push({ id: m[1], needs: m[2].trim().split(/\s+/), sql: chunk });
  else helpers.push(chunk);
}
t0 = process.hrtime.bigint();
for (const statement of helpers) await con.run(statement);
const helperSeconds = seconds(t0);
const ruleLines = [];
for (const rule of rules) {
  const missing = rule.needs.filter((t) => !rowCounts[t]);
  if (missing.length > 0) {
    ruleLines.push(`  ${rule.id}  skipped: no rows in ${missing.join(', ')}`);
    continue;
  }
  const r0 = process.hrtime.bigint();
  const r = await con.runAndReadAll(
    `INSERT INTO duck_findings SELECT * FROM (${rule.sql}) AS q(${kKey.join(', ')})`);
  ruleLines.push(`  ${rule.id}  ${String(r.rowsChanged).padStart(8)} findings  ` +
    `${seconds(r0).toFixed(3)} s`);
}
const rulesSeconds = seconds(t0);
console.log(`rules: ${rulesSeconds.toFixed(2)} s (shared helper tables ${helperSeconds.toFixed(2)} s)`);
for (const line of ruleLines) console.log(line);

// ---- cross-check with qingfeng's findings export (not timed)
if (findingsCsv && existsSync(findingsCsv)) {
  const keyed = (table) => kKey.map((k) => (k === 'ref'
    ? `CASE WHEN rule = 'R09' THEN '' ELSE coalesce(ref, '') END AS ref`
    : `coalesce(${k}, '') AS ${k}`)).join(', ');
  await con.run(`CREATE TABLE qf_raw AS SELECT * FROM read_csv(${quote(findingsCsv)}, header = true,
    all_varchar = true, delim = ',', quote = '"', escape = '"')`);
  await con.run(`CREATE TABLE qf_keys AS SELECT DISTINCT ${keyed()} FROM qf_raw
    WHERE rule BETWEEN 'R01' AND 'R16'`);
  await con.run(`CREATE TABLE duck_keys AS SELECT DISTINCT ${keyed()} FROM duck_findings`);
  const truthCsv = join(districtDir, 'truth.csv');
  const haveTruth = existsSync(truthCsv);
  if (haveTruth) {
    await con.run(`CREATE TABLE truth_keys AS SELECT DISTINCT ${keyed()} FROM read_csv(
      ${quote(truthCsv)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`);
  } else {
    await con.run(`CREATE TABLE truth_keys AS SELECT * FROM qf_keys LIMIT 0`);
  }
  await con.run(`CREATE TABLE diff AS
    SELECT 'qingfeng only' AS side, * FROM (SELECT * FROM qf_keys EXCEPT SELECT * FROM duck_keys)
    UNION ALL
    SELECT 'duckdb only', * FROM (SELECT * FROM duck_keys EXCEPT SELECT * FROM qf_keys)`);
  const summary = await con.runAndReadAll(`
    WITH ids AS (SELECT DISTINCT id FROM (VALUES ${rules.map((r) => `('${r.id}')`).join(', ')}) v(id))
    SELECT id,
      (SELECT count(*) FROM qf_keys WHERE rule = id),
      (SELECT count(*) FROM duck_keys WHERE rule = id),
      (SELECT count(*) FROM diff WHERE rule = id AND side = 'qingfeng only'),
      (SELECT count(*) FROM diff WHERE rule = id AND side = 'duckdb only'),
      (SELECT count(*) FROM truth_keys WHERE rule = id)
    FROM ids ORDER BY id`);
  console.log('cross-check with qingfeng findings (key columns; R09 ref ignored):');
  console.log(`  rule  ${'qingfeng'.padStart(9)} ${'duckdb'.padStart(9)} ${'qf only'.padStart(9)} ` +
    `${'duck only'.padStart(9)} ${(haveTruth ? 'planted' : '').padStart(9)}  verdict`);
  let differing = 0;
  for (const [id, q, d, qo, dx, t] of summary.getRows()) {
    const same = Number(qo) === 0 && Number(dx) === 0;
    if (!same) differing += 1;
    console.log(`  ${id}   ${String(q).padStart(9)} ${String(d).padStart(9)} ${String(qo).padStart(9)} ` +
      `${String(dx).padStart(9)} ${(haveTruth ? String(t) : '').padStart(9)}  ${same ? 'same' : 'differs'}`);
  }
  if (diffCsv) {
    await con.run(`COPY (SELECT * FROM diff ORDER BY rule, side, id_number, program_code, period,
      account_no, ref) TO ${quote(diffCsv)} (HEADER, DELIMITER ',')`);
    if (differing > 0) console.log(`  keys found by one side only: ${diffCsv}`);
  }
} else if (findingsCsv) {
  console.log(`cross-check skipped: ${findingsCsv} not found`);
}

if (dbFile !== ':memory:') await con.run('ROLLBACK');
console.log(`load_seconds=${loadSeconds.toFixed(3)}`);
console.log(`rules_seconds=${rulesSeconds.toFixed(3)}`);
