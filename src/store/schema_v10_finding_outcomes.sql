-- Schema version 10: outcomes per finding (issue 17 point 4, as the UK National Fraud Initiative
-- records each match's outcome). A finding's outcome is one of 排除 (with a reason), 确认, 止付
-- (money stopped before it was paid, with the amount), 追回 (money recovered, with the amount) and
-- 移送; each one recorded is a row here, so a finding may have money stopped and later money
-- recovered, in instalments. findings.outcome is the latest one (NULL: none yet), kept in the same
-- transaction as the row and its audit entry; findings.review stays the decision the confirmation
-- rate counts (排除 → dismissed, every other outcome → confirmed). Amounts are integer fen.
-- Plain DDL: PostgreSQL runs it through TranslateDdlForPostgres (outcome_id becomes an identity
-- column), so there is no separate postgresql text.
CREATE TABLE finding_outcomes (
  outcome_id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, outcome TEXT NOT NULL,
  amount INTEGER NOT NULL DEFAULT 0, note TEXT NOT NULL, recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL);
CREATE INDEX finding_outcomes_fingerprint ON finding_outcomes(fingerprint);

ALTER TABLE findings ADD COLUMN outcome TEXT;

-- 一人一档 looks findings up by the person as well as by the rule.
CREATE INDEX findings_person ON findings(id_number);
