-- v12: the audit entries of one record (a clue's, a case's 流转记录) are read by (entity,
-- entity_id) in seq order on every detail page; without an index that read scans the whole log,
-- which grows with every import, comparison and login.
CREATE INDEX IF NOT EXISTS audit_log_by_entity ON audit_log (entity, entity_id, seq);
