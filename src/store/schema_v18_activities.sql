-- Schema version 18: the activity ledger (活动台账, issue 15 point 2, docs/activities.md).
-- One row per supervision activity (座谈会, 监督检查, 走访群众, 联合督查, 督导检查, 专题培训, 制度机制,
-- 以案促改: the taxonomy's activity kinds, stored by Chinese name); its campaign tags are rows of
-- campaign_tags with record_kind 'activity'. `held_on` is the Beijing date; `participants` the
-- head count (人次), `visited` the persons visited; `mechanism` is 建立 or 修订 for a 制度机制 (else
-- ''), `doc_number` its 文号. `version` rises with every edit (the edit form's stale check).
CREATE TABLE activities (
  activity_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, held_on TEXT NOT NULL,
  title TEXT NOT NULL, unit_code TEXT NOT NULL, domain TEXT NOT NULL,
  participants INTEGER NOT NULL, visited INTEGER NOT NULL,
  mechanism TEXT NOT NULL, doc_number TEXT NOT NULL, summary TEXT NOT NULL,
  version INTEGER NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE INDEX activities_held_on ON activities(held_on, kind);
CREATE INDEX activities_unit ON activities(unit_code);

-- The places and communities an activity covered, in the order entered: `unit_code` is the
-- community's units.code when the place is one (联合督查 are counted by distinct communities),
-- else ''.
CREATE TABLE activity_places (
  activity_id INTEGER NOT NULL, seq INTEGER NOT NULL, place TEXT NOT NULL,
  unit_code TEXT NOT NULL, PRIMARY KEY (activity_id, seq));

-- The problems an activity found, each handed on as a clue or a rectification item (created in
-- the activity's transaction): exactly one of clue_id and rectification_id is set.
CREATE TABLE activity_problems (
  activity_id INTEGER NOT NULL, seq INTEGER NOT NULL, description TEXT NOT NULL,
  clue_id INTEGER, rectification_id INTEGER, PRIMARY KEY (activity_id, seq));
CREATE INDEX activity_problems_clue ON activity_problems(clue_id);
