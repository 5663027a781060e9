-- v6: the audit log is append-only inside the database as well. The keyed chain and the anchors
-- (src/audit) detect any change; these triggers refuse one outright, so a careless UPDATE or
-- DELETE (or an injected one) fails instead of leaving a broken chain. Someone with the right to
-- drop triggers can still rewrite rows — the chain and the anchors are what catch them.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, '审计日志只能追加，不能修改');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, '审计日志只能追加，不能删除');
END;
