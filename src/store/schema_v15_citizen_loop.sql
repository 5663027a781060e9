-- Schema version 15: citizens rate the answer to their report, 督办 of overdue items and the
-- public board (issue 15 point 5).
-- One rating per answer: `message_id` is the commission's reply (public_report_messages, author
-- 受理单位) that was rated, so a newer answer may be rated again. `rating` is 满意, 基本满意 or
-- 不满意; the optional comment is SM4-encrypted with its ID numbers sealed first. `created_on` is
-- the Beijing day (the reporter's own actions are stamped to the day, never the minute).
-- `reopened` is 1 when the 不满意 rating reopened the clue (already concluded).
CREATE TABLE public_report_ratings (
  rating_id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL, message_id INTEGER NOT NULL,
  rating TEXT NOT NULL, comment TEXT NOT NULL, created_on TEXT NOT NULL,
  reopened INTEGER NOT NULL DEFAULT 0, UNIQUE (message_id));
CREATE INDEX public_report_ratings_report ON public_report_ratings(report_id);

-- The public board (/m/board) counts reports by the month they were received.
CREATE INDEX public_reports_created ON public_reports(created_on);

-- 督办 (issue 15 point 5): an overdue item escalates once to the responsible leader's 待办.
-- todos.role: the role a 待办 is for (RoleCode, "approver" for 审核领导); NULL for the whole unit.
-- The unique index keeps the escalation idempotent: one 督办 per overdue item (its fingerprint,
-- "assignment:<id>").
ALTER TABLE todos ADD COLUMN role TEXT;
CREATE UNIQUE INDEX todos_supervise ON todos(fingerprint) WHERE kind = 'supervise';
