-- Schema version 17: the institution and the People's Congress (issue 15 points 3 and 4).
--
-- 三为主一报告: each 派驻纪检监察组 (units.kind 'stationed_group') owes the commission a report
-- per period of the schedule (src/oversight/report_schedule.h): `period` is "2026-Q1" … "2026-Q4"
-- or "2026" (the annual report), `due_on` the Beijing day it is due. `state` is 'pending' (nothing
-- submitted yet), 'submitted', 'read' (已阅) or 'returned' (退回: to be submitted again). Whether
-- a report is 逾期未报 is computed against Beijing today, never stored. The text is kept as typed;
-- an optional attachment is held in the row (base64) with its SHA-256, like attachments (v14).
CREATE TABLE stationed_reports (
  report_id INTEGER PRIMARY KEY, unit_code TEXT NOT NULL, period TEXT NOT NULL,
  period_kind TEXT NOT NULL, due_on TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending',
  body TEXT NOT NULL DEFAULT '', submitted_by TEXT NOT NULL DEFAULT '',
  submitted_on TEXT NOT NULL DEFAULT '', reviewed_by TEXT NOT NULL DEFAULT '',
  reviewed_on TEXT NOT NULL DEFAULT '', review_note TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL DEFAULT '', file_sha256 TEXT NOT NULL DEFAULT '',
  file_base64 TEXT NOT NULL DEFAULT '',
  UNIQUE (unit_code, period));
CREATE INDEX stationed_reports_due ON stationed_reports(due_on);

-- 人大审议意见 (kind 'opinion': from the standing committee, `source` the session or meeting,
-- `doc_no` its 文号) and 代表建议 (kind 'suggestion': `source` the deputy's name, `doc_no` the
-- 建议号). `received_on` is the Beijing day it reached the commission; `satisfaction` (满意,
-- 基本满意, 不满意 or '') is the deputy's rating of the answer to a suggestion.
CREATE TABLE congress_items (
  item_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, received_on TEXT NOT NULL,
  source TEXT NOT NULL, doc_no TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
  satisfaction TEXT NOT NULL DEFAULT '', created_by TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX congress_items_received ON congress_items(kind, received_on);

-- The tasks an item is split into, each with its responsible unit and due day (a suggestion has
-- one). `state` is 'not_started', 'in_progress' or 'done' (已办结, with `completed_on`); 逾期 is
-- computed: not done and past `due_on` in Beijing time.
CREATE TABLE congress_tasks (
  task_id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES congress_items(item_id),
  unit_code TEXT NOT NULL, due_on TEXT NOT NULL, content TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'not_started', response TEXT NOT NULL DEFAULT '',
  completed_on TEXT NOT NULL DEFAULT '', responded_by TEXT NOT NULL DEFAULT '',
  responded_at TEXT NOT NULL DEFAULT '');
CREATE INDEX congress_tasks_item ON congress_tasks(item_id);
CREATE INDEX congress_tasks_unit ON congress_tasks(unit_code);
