-- Schema version 1: the canonical tables of spec/dataset.md, findings, and the import log.
-- Conventions: ID numbers are the normalised 18-character text (ledger tables may hold an invalid
-- one as written after normalisation); dates are ISO text 'YYYY-MM-DD' (NULL = open end);
-- periods are canonical text '2024-03' / '2024-Q1' / '2024'; money is INTEGER fen.
-- Every table has the natural key the importer upserts on, so a re-import changes nothing.

CREATE TABLE persons (
  id_number TEXT PRIMARY KEY, name TEXT NOT NULL, sex TEXT NOT NULL, birth_date TEXT NOT NULL,
  region_code TEXT NOT NULL, community TEXT NOT NULL, household_id TEXT NOT NULL,
  relation TEXT NOT NULL);
CREATE INDEX persons_household ON persons(household_id);

CREATE TABLE deaths (
  id_number TEXT PRIMARY KEY, name TEXT NOT NULL, death_date TEXT NOT NULL, source TEXT NOT NULL);

CREATE TABLE officials (
  id_number TEXT NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL, position TEXT NOT NULL,
  category TEXT NOT NULL, community TEXT, start_date TEXT NOT NULL, end_date TEXT,
  PRIMARY KEY (id_number, unit, position, start_date));

CREATE TABLE kinship (
  id_number_a TEXT NOT NULL, id_number_b TEXT NOT NULL, relation TEXT NOT NULL,
  PRIMARY KEY (id_number_a, id_number_b));

CREATE TABLE companies (
  credit_code TEXT NOT NULL, company_name TEXT NOT NULL, id_number TEXT NOT NULL,
  name TEXT NOT NULL, role TEXT NOT NULL, registered_date TEXT NOT NULL, status TEXT NOT NULL,
  PRIMARY KEY (credit_code, id_number, role));

CREATE TABLE vehicles (
  plate TEXT PRIMARY KEY, id_number TEXT NOT NULL, name TEXT NOT NULL,
  vehicle_type TEXT NOT NULL, registered_date TEXT NOT NULL);

CREATE TABLE properties (
  certificate_no TEXT NOT NULL, id_number TEXT NOT NULL, name TEXT NOT NULL,
  area_m2 TEXT NOT NULL, usage TEXT NOT NULL, registered_date TEXT NOT NULL,
  PRIMARY KEY (certificate_no, id_number));

CREATE TABLE programs (
  code TEXT PRIMARY KEY, name TEXT NOT NULL, department TEXT NOT NULL, domain TEXT NOT NULL,
  means_tested INTEGER NOT NULL, period TEXT NOT NULL, standard INTEGER, max_amount INTEGER,
  min_age INTEGER, max_age INTEGER, exclusive_group TEXT);

CREATE TABLE enrolments (
  program_code TEXT NOT NULL, id_number TEXT NOT NULL, name TEXT NOT NULL,
  community TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT,
  PRIMARY KEY (program_code, id_number, community, start_date));

CREATE TABLE cards (
  account_no TEXT PRIMARY KEY, id_number TEXT NOT NULL, name TEXT NOT NULL, bank TEXT NOT NULL,
  opened_date TEXT NOT NULL, status TEXT NOT NULL);

CREATE TABLE payments (
  payment_id TEXT PRIMARY KEY, batch_no TEXT NOT NULL, program_code TEXT NOT NULL,
  id_number TEXT NOT NULL, name TEXT NOT NULL, account_no TEXT NOT NULL, amount INTEGER NOT NULL,
  period TEXT NOT NULL, paid_date TEXT NOT NULL);

CREATE TABLE collective_transactions (
  txn_id TEXT PRIMARY KEY, community TEXT NOT NULL, date TEXT NOT NULL, direction TEXT NOT NULL,
  amount INTEGER NOT NULL, counterparty TEXT NOT NULL, counterparty_id TEXT,
  purpose TEXT NOT NULL, approved_by TEXT);

CREATE TABLE collective_contracts (
  contract_id TEXT PRIMARY KEY, community TEXT NOT NULL, asset TEXT NOT NULL,
  asset_type TEXT NOT NULL, area TEXT NOT NULL, counterparty TEXT NOT NULL,
  counterparty_id TEXT, start_date TEXT NOT NULL, end_date TEXT NOT NULL,
  annual_rent INTEGER NOT NULL, procurement TEXT NOT NULL);

-- Findings of the comparison engine. fingerprint = hex hash of rule + key fields: stable across
-- runs. status: new / present / gone (what the last run saw); review: open / confirmed / dismissed.
CREATE TABLE findings (
  fingerprint TEXT PRIMARY KEY, rule TEXT NOT NULL, id_number TEXT NOT NULL,
  program_code TEXT NOT NULL, period TEXT NOT NULL, account_no TEXT NOT NULL, ref TEXT NOT NULL,
  severity TEXT NOT NULL, amount INTEGER NOT NULL, evidence TEXT NOT NULL,
  status TEXT NOT NULL, first_seen_run INTEGER NOT NULL, last_seen_run INTEGER NOT NULL,
  review TEXT NOT NULL DEFAULT 'open', review_reason TEXT, reviewed_by TEXT, reviewed_at TEXT);
CREATE INDEX findings_rule ON findings(rule, status);

CREATE TABLE check_runs (
  run_id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, as_of TEXT NOT NULL,
  rules TEXT NOT NULL, findings INTEGER NOT NULL, new_findings INTEGER NOT NULL,
  gone_findings INTEGER NOT NULL);

-- One row per imported file.
CREATE TABLE import_log (
  import_id INTEGER PRIMARY KEY, table_name TEXT NOT NULL, file TEXT NOT NULL,
  sha256 TEXT NOT NULL, encoding TEXT NOT NULL, rows_read INTEGER NOT NULL,
  rows_imported INTEGER NOT NULL, rows_rejected INTEGER NOT NULL, rows_changed INTEGER NOT NULL,
  outcome TEXT NOT NULL, imported_at TEXT NOT NULL, imported_by TEXT NOT NULL);
