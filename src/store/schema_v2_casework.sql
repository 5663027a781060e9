-- Schema version 2: casework (src/casework): units, users and sessions, clues, assignments,
-- cases, transfers, rectification, and the audit log with its SM3 hash chain.
-- Conventions: *_enc columns hold an ID number SM4-encrypted with the key file (never plain);
-- *_index columns hold a keyed SM3 HMAC of the normalised ID number so that equal IDs can be
-- matched without decrypting. Dates are 'YYYY-MM-DD'; timestamps are ISO 8601 UTC text, except
-- the integer epoch seconds that lock-out and session expiry compare. Status columns hold the
-- English state names of src/casework/state_machines.h.

CREATE TABLE units (
  code TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, parent_code TEXT);
INSERT INTO units(code, name, kind, parent_code) VALUES
  ('commission', '区纪委监委', 'commission', NULL),
  ('police', '区公安分局', 'external', NULL),
  ('procuratorate', '区人民检察院', 'external', NULL),
  ('court', '区人民法院', 'external', NULL),
  ('saohei', '区扫黑除恶办公室', 'external', NULL),
  ('audit', '区审计局', 'external', NULL);

CREATE TABLE users (
  user_id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
  unit_code TEXT NOT NULL, roles TEXT NOT NULL, password_hash TEXT NOT NULL,
  id_number_enc TEXT, id_number_index TEXT,
  failed_logins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
CREATE INDEX users_id_index ON users(id_number_index);

-- token_hash = SM3 of the bearer token: a stolen database does not yield live sessions.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL, created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL);

CREATE TABLE clues (
  clue_id INTEGER PRIMARY KEY, source TEXT NOT NULL, source_ref TEXT NOT NULL, domain TEXT NOT NULL,
  title TEXT NOT NULL, summary TEXT NOT NULL, amount INTEGER NOT NULL, unit_code TEXT NOT NULL,
  restricted INTEGER NOT NULL, status TEXT NOT NULL, disposal TEXT, proposed_by TEXT,
  approved_by TEXT, dual_check INTEGER NOT NULL DEFAULT 0, created_by TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX clues_unit ON clues(unit_code, status);

CREATE TABLE clue_subjects (
  subject_id INTEGER PRIMARY KEY, clue_id INTEGER NOT NULL, name TEXT NOT NULL,
  id_number_enc TEXT, id_number_index TEXT, position TEXT NOT NULL);
CREATE INDEX clue_subjects_clue ON clue_subjects(clue_id);

-- A finding is promoted at most once: the fingerprint is the key.
CREATE TABLE clue_findings (
  fingerprint TEXT PRIMARY KEY, clue_id INTEGER NOT NULL);

-- 交办核查: a clue sent to a unit for verification, with a deadline and the unit's feedback.
CREATE TABLE assignments (
  assignment_id INTEGER PRIMARY KEY, clue_id INTEGER NOT NULL, unit_code TEXT NOT NULL,
  request TEXT NOT NULL, deadline TEXT NOT NULL, status TEXT NOT NULL, assigned_by TEXT NOT NULL,
  assigned_at TEXT NOT NULL, feedback TEXT, attachments TEXT, feedback_by TEXT, feedback_at TEXT,
  reviewed_by TEXT, review_note TEXT);
CREATE INDEX assignments_unit ON assignments(unit_code, status);

CREATE TABLE cases (
  case_id INTEGER PRIMARY KEY, clue_id INTEGER, title TEXT NOT NULL, domain TEXT NOT NULL,
  unit_code TEXT NOT NULL, restricted INTEGER NOT NULL, status TEXT NOT NULL,
  recovered INTEGER NOT NULL DEFAULT 0, losses_retrieved INTEGER NOT NULL DEFAULT 0,
  filed_by TEXT NOT NULL, filed_at TEXT NOT NULL, updated_at TEXT NOT NULL);

CREATE TABLE case_persons (
  person_id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, name TEXT NOT NULL,
  id_number_enc TEXT, id_number_index TEXT, position TEXT NOT NULL, outcome TEXT,
  outcome_detail TEXT, receiving_organ TEXT, outcome_at TEXT);
CREATE INDEX case_persons_case ON case_persons(case_id);

-- 一案三查: a gang-related case linked to the cases examining what stood behind it.
CREATE TABLE case_links (
  case_id INTEGER NOT NULL, linked_case_id INTEGER NOT NULL, aspect TEXT NOT NULL,
  PRIMARY KEY (case_id, linked_case_id));

-- 线索双向移送: direction 'out' (to an external organ) or 'in' (from one).
CREATE TABLE transfers (
  transfer_id INTEGER PRIMARY KEY, direction TEXT NOT NULL, organ_code TEXT NOT NULL,
  unit_code TEXT NOT NULL, clue_id INTEGER, case_id INTEGER, summary TEXT NOT NULL,
  status TEXT NOT NULL, sync_intervention INTEGER NOT NULL, dual_check INTEGER NOT NULL,
  feedback_due TEXT NOT NULL, feedback TEXT, created_by TEXT NOT NULL, created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);

-- 监察建议 and 整改事项, issued to a unit and verified closed by an approver.
CREATE TABLE rectifications (
  rectification_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, case_id INTEGER, clue_id INTEGER,
  issuing_unit TEXT NOT NULL, unit_code TEXT NOT NULL, content TEXT NOT NULL,
  due_date TEXT NOT NULL, status TEXT NOT NULL, evidence TEXT, attachments TEXT,
  verified_by TEXT, closed_at TEXT, restricted INTEGER NOT NULL, created_by TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX rectifications_unit ON rectifications(unit_code, status);

-- Append-only. hash = SM3(prev_hash | seq | at | actor | action | entity | entity_id | before |
-- after), hex; the first entry's prev_hash is 64 zeros. `qingfeng audit verify` recomputes it.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  entity TEXT NOT NULL, entity_id TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
