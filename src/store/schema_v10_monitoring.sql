-- Schema version 10: full-extract deliveries and continuous monitoring (issue 17).
-- import_log.rows_removed: rows a `--replace` delivery removed because it no longer holds them.
-- import_log.check_run_id: the comparison run that followed the import (serve re-runs it), so each
-- import can show the findings it made new and gone.
ALTER TABLE import_log ADD COLUMN rows_removed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_log ADD COLUMN check_run_id INTEGER;

-- A new finding about a person who already is the subject of an open clue or case is attached
-- to it (clue_findings / case_findings) and becomes a 待办 for the unit that handles it.
CREATE TABLE case_findings (
  fingerprint TEXT NOT NULL, case_id INTEGER NOT NULL, PRIMARY KEY (fingerprint, case_id));

CREATE TABLE todos (
  todo_id INTEGER PRIMARY KEY, unit_code TEXT NOT NULL, kind TEXT NOT NULL,
  clue_id INTEGER, case_id INTEGER, fingerprint TEXT, summary TEXT NOT NULL,
  created_at TEXT NOT NULL, done_at TEXT, done_by TEXT);
CREATE INDEX todos_unit ON todos(unit_code, done_at);

-- Payment batches screened before payment from the web (发放前比对), each row with its decision.
-- evidence is stored with its ID numbers sealed (casework/sealed_text.h), id_number encrypted.
CREATE TABLE screenings (
  screening_id INTEGER PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL,
  unit_code TEXT NOT NULL, screened_by TEXT NOT NULL, screened_at TEXT NOT NULL,
  as_of TEXT NOT NULL, rows_total INTEGER NOT NULL, rows_held INTEGER NOT NULL,
  amount_held INTEGER NOT NULL, skipped TEXT NOT NULL);

CREATE TABLE screening_rows (
  screening_id INTEGER NOT NULL, seq INTEGER NOT NULL, payment_id TEXT NOT NULL,
  program_code TEXT NOT NULL, id_number_enc TEXT NOT NULL, name TEXT NOT NULL,
  period TEXT NOT NULL, amount INTEGER NOT NULL, held INTEGER NOT NULL, rules TEXT NOT NULL,
  evidence TEXT NOT NULL, released_by TEXT, release_reason TEXT, released_at TEXT,
  PRIMARY KEY (screening_id, seq));
