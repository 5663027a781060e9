-- Schema version 14: documents (文书) and attachments (issue 14 point 5), docs/documents.md.
-- The document types and their 文号 prefixes live in config/documents/*.mustache (front matter);
-- the store keeps every version of each type's template, the counter of each (type, year), the
-- issued documents and the evidence files.

-- Every edit of a template is a new version; a document names the version that rendered it.
CREATE TABLE document_templates (
  doc_type TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
  edited_by TEXT NOT NULL, edited_at TEXT NOT NULL, note TEXT NOT NULL,
  PRIMARY KEY (doc_type, version));

-- The last 文号 serial given out per type and Beijing year; bumped inside the transaction that
-- inserts the document, so the row lock serialises concurrent issuances.
CREATE TABLE document_counters (
  doc_type TEXT NOT NULL, year INTEGER NOT NULL, last_serial INTEGER NOT NULL,
  PRIMARY KEY (doc_type, year));

-- body: the rendered text, ID numbers sealed (casework/sealed_text.h).
CREATE TABLE documents (
  document_id INTEGER PRIMARY KEY, doc_type TEXT NOT NULL, year INTEGER NOT NULL,
  serial INTEGER NOT NULL, number TEXT NOT NULL, entity TEXT NOT NULL, entity_id INTEGER NOT NULL,
  template_version INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
  issued_by TEXT NOT NULL, issued_at TEXT NOT NULL,
  UNIQUE (doc_type, year, serial));
CREATE INDEX documents_entity ON documents(entity, entity_id);

-- Evidence files of a clue or case: the bytes base64 in the row (one transaction with the audit
-- entry, one backup, the same on both backends), their SHA-256 checked on every download.
CREATE TABLE attachments (
  attachment_id INTEGER PRIMARY KEY, entity TEXT NOT NULL, entity_id INTEGER NOT NULL,
  file_name TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL,
  sha256 TEXT NOT NULL, data_base64 TEXT NOT NULL, note TEXT NOT NULL,
  uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL);
CREATE INDEX attachments_entity ON attachments(entity, entity_id);
