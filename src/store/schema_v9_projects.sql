-- Schema version 9: enterprise project funds (涉企项目资金, issue 16) and the contract a collective
-- receipt belongs to (rule R26). Columns keep the forms of schema_v1.sql: ISO dates, integer fen.
-- max_ratio is the canonical decimal fraction as text ("0.3" for 30%), so the rules can compare
-- investment × max_ratio exactly, without a binary floating-point rounding.
ALTER TABLE collective_transactions ADD COLUMN contract_id TEXT;

CREATE TABLE enterprise_projects (
  project_id TEXT PRIMARY KEY, program TEXT NOT NULL, department TEXT NOT NULL,
  credit_code TEXT NOT NULL, company_name TEXT NOT NULL, project_name TEXT NOT NULL,
  investment INTEGER NOT NULL, approved_amount INTEGER NOT NULL, max_ratio TEXT,
  apply_date TEXT NOT NULL, approved_date TEXT NOT NULL, accepted_date TEXT,
  reviewer_id TEXT, approver_id TEXT);

CREATE TABLE project_payments (
  payment_id TEXT PRIMARY KEY, project_id TEXT NOT NULL, amount INTEGER NOT NULL,
  paid_date TEXT NOT NULL, stage TEXT NOT NULL);
CREATE INDEX project_payments_project ON project_payments(project_id);

CREATE TABLE project_invoices (
  project_id TEXT NOT NULL, invoice_code TEXT NOT NULL, invoice_no TEXT NOT NULL,
  seller TEXT NOT NULL, amount INTEGER NOT NULL, issue_date TEXT NOT NULL,
  PRIMARY KEY (project_id, invoice_code, invoice_no));
