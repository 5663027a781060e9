-- Schema version 7: the web layer's trust work (issue 12, points 6 and 7).
--
-- login_throttle: failed logins per (user name as typed, client). `client` is a keyed hash of the
-- client's address (the key lives in the server's memory only, so no address is stored and a
-- restart forgets all entries). A run of failures locks that pair, never the account everywhere:
-- an outsider who types someone's name five times locks only themselves out. Unknown user names
-- are counted the same way, so the answers do not tell which names exist. Rows whose last failure
-- is older than the lock-out period are deleted on the next failed login.
CREATE TABLE IF NOT EXISTS login_throttle (
  username TEXT NOT NULL, client TEXT NOT NULL, failed INTEGER NOT NULL,
  locked_until INTEGER NOT NULL, last_failure INTEGER NOT NULL,
  PRIMARY KEY (username, client));
CREATE INDEX IF NOT EXISTS login_throttle_last_failure ON login_throttle(last_failure);
