-- Schema version 3: the web layer's own tables (src/web, the public 码上行动 pages) and the indexes
-- its pages need on a million-person ledger.
-- IF NOT EXISTS throughout: web builds before this migration created the same tables and the
-- first three indexes at start-up, so a store they served already holds them.
--
-- public_reports: one row per citizen's report; receipt_hash = SM3 of the 16-digit receipt code
-- (the code is shown once and never stored); a real-name reporter's name and phone are SM4
-- ciphertext (*_enc); an anonymous report has neither, and no column anywhere holds an address
-- or a header of its sender. clue_id = the clue the report became.
CREATE TABLE IF NOT EXISTS public_reports (
  report_id INTEGER PRIMARY KEY, receipt_hash TEXT NOT NULL UNIQUE, category TEXT NOT NULL,
  place_key TEXT NOT NULL, place_name TEXT NOT NULL, content TEXT NOT NULL,
  anonymous INTEGER NOT NULL, reporter_name_enc TEXT, reporter_phone_enc TEXT,
  clue_id INTEGER, created_on TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS public_reports_clue ON public_reports(clue_id);

-- The citizen's follow-ups and the commission's replies, in order of message_id.
CREATE TABLE IF NOT EXISTS public_report_messages (
  message_id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL, author TEXT NOT NULL,
  body TEXT NOT NULL, created_on TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS public_report_messages_report ON public_report_messages(report_id);

-- Photos of a report (JPEG or PNG, checked by content), base64 text.
CREATE TABLE IF NOT EXISTS public_report_photos (
  photo_id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL, mime TEXT NOT NULL,
  data_base64 TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS public_report_photos_report ON public_report_photos(report_id);

-- Self-check: one person's enrolments and payments by ID number.
CREATE INDEX IF NOT EXISTS web_enrolments_person ON enrolments(id_number);
CREATE INDEX IF NOT EXISTS web_payments_person ON payments(id_number, program_code, paid_date);

-- Disclosure pages: one page of a community's or a program's enrolments in the order shown
-- (program, community, name, start), read from the index rather than sorted per request. They
-- replace the start-up index web_enrolments_community(community, program_code).
DROP INDEX IF EXISTS web_enrolments_community;
CREATE INDEX IF NOT EXISTS web_enrolments_by_community
  ON enrolments(community, program_code, name, start_date);
CREATE INDEX IF NOT EXISTS web_enrolments_by_program
  ON enrolments(program_code, community, name, start_date);
