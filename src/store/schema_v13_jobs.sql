-- Schema version 13: background jobs of `serve` (issue 14 point 6): an import or a comparison
-- started from the web runs on a worker thread; its row holds who started it, its state
-- (queued / running / done / failed), the last progress written and, once finished, its result
-- (JSON: the import report per table, the comparison summary per rule) or its error, so the result
-- page outlives a restart. A row still queued or running when `serve` starts again is marked
-- failed (服务重启中断). Times are ISO 8601 UTC.
CREATE TABLE jobs (
  job_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, started_by TEXT NOT NULL, state TEXT NOT NULL,
  stage TEXT NOT NULL DEFAULT '', done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, started_at TEXT,
  finished_at TEXT, result TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT '');
CREATE INDEX jobs_by_starter ON jobs(started_by, job_id);
CREATE INDEX jobs_by_state ON jobs(state);
