-- Schema version 4: sunshine approval (阳光审批, src/approval): applications for a subsidy program,
-- the steps of their chain, the pre-check hits the approver acknowledges, and objections raised
-- during 公示.
-- Conventions as in v2: *_enc = SM4 ciphertext (casework FieldCipher), *_index = keyed SM3 of the
-- normalised ID number; dates 'YYYY-MM-DD' (Beijing calendar); *_at = ISO 8601 UTC text and
-- *_epoch = the same instant in Unix seconds (statistics subtract them). Money is INTEGER fen.

-- One application. receipt_hash = SM3 of the 16-digit receipt code (the code is shown once and
-- never stored). current_step = the step code now open; status: in_progress / rejected /
-- completed. community_unit = units.code of the community that reviews it.
CREATE TABLE approval_applications (
  application_id INTEGER PRIMARY KEY, program_code TEXT NOT NULL, community TEXT NOT NULL,
  community_unit TEXT NOT NULL, applicant_name TEXT NOT NULL, id_number_enc TEXT NOT NULL,
  id_number_index TEXT NOT NULL, id_masked TEXT NOT NULL, household_id TEXT NOT NULL,
  household_size INTEGER NOT NULL, account_no TEXT NOT NULL, bank TEXT NOT NULL,
  declared_income INTEGER NOT NULL, declared_assets TEXT NOT NULL, reason TEXT NOT NULL,
  channel TEXT NOT NULL, receipt_hash TEXT NOT NULL UNIQUE,
  cadre_relative INTEGER NOT NULL, declaration TEXT, declaration_filed_at TEXT,
  declaration_filed_by TEXT, current_step TEXT NOT NULL, status TEXT NOT NULL,
  rejection_category TEXT, rejection_reason TEXT, precheck_at TEXT,
  submitted_by TEXT NOT NULL, submitted_on TEXT NOT NULL, submitted_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE INDEX approval_applications_status ON approval_applications(status, current_step);
CREATE INDEX approval_applications_community ON approval_applications(community, current_step);
CREATE INDEX approval_applications_person ON approval_applications(id_number_index);

-- One step of an application's chain, created when the step opens. decision: approved /
-- rejected (NULL while open). deliberation = the 民主评议 record of 初审.
CREATE TABLE approval_steps (
  step_id INTEGER PRIMARY KEY, application_id INTEGER NOT NULL, seq INTEGER NOT NULL,
  step TEXT NOT NULL, unit_code TEXT NOT NULL, unit_name TEXT NOT NULL,
  started_on TEXT NOT NULL, started_at TEXT NOT NULL, started_epoch INTEGER NOT NULL,
  deadline TEXT NOT NULL, decision TEXT, reason_category TEXT, reasons TEXT, deliberation TEXT,
  decided_by TEXT, decided_on TEXT, decided_at TEXT, decided_epoch INTEGER);
CREATE INDEX approval_steps_application ON approval_steps(application_id, seq);
CREATE INDEX approval_steps_open ON approval_steps(decision, deadline);

-- What the pre-check found (engine findings about the applicant), one row per finding
-- fingerprint; a re-run keeps the acknowledgement of a hit it finds again.
CREATE TABLE approval_precheck_hits (
  hit_id INTEGER PRIMARY KEY, application_id INTEGER NOT NULL, fingerprint TEXT NOT NULL,
  rule TEXT NOT NULL, rule_name TEXT NOT NULL, severity TEXT NOT NULL, evidence TEXT NOT NULL,
  found_at TEXT NOT NULL, acknowledged_by TEXT, acknowledged_at TEXT, note TEXT,
  UNIQUE (application_id, fingerprint));

-- An objection to an application in 公示, from the public pages; clue_id = the clue it became.
-- An anonymous objection has no contact; a named one keeps it SM4-encrypted.
CREATE TABLE approval_objections (
  objection_id INTEGER PRIMARY KEY, application_id INTEGER NOT NULL, content TEXT NOT NULL,
  anonymous INTEGER NOT NULL, contact_enc TEXT, clue_id INTEGER, created_on TEXT NOT NULL);
CREATE INDEX approval_objections_application ON approval_objections(application_id);

-- The pre-check (src/approval/precheck.cpp) reads one applicant's rows by ID number and every
-- payment into one card account; these are the look-ups the canonical keys do not already serve.
CREATE INDEX approval_kinship_b ON kinship(id_number_b);
CREATE INDEX approval_companies_person ON companies(id_number);
CREATE INDEX approval_vehicles_person ON vehicles(id_number);
CREATE INDEX approval_properties_person ON properties(id_number);
CREATE INDEX approval_cards_person ON cards(id_number);
CREATE INDEX approval_payments_account ON payments(account_no);
