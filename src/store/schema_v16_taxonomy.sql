-- Schema version 16: the taxonomy as configuration (config/taxonomy.toml, issue 15 point 1).
-- Clues and cases already carry a domain (领域, the taxonomy's Chinese name); rectification items
-- get one, taken from their case or clue for the items that exist. Any record may carry any
-- number of special-campaign (专项) tags: record_kind is 'clue', 'case', 'rectification' or
-- 'activity', campaign the taxonomy's campaign code.
ALTER TABLE rectifications ADD COLUMN domain TEXT NOT NULL DEFAULT '';
UPDATE rectifications SET domain = COALESCE(
    (SELECT c.domain FROM cases c WHERE c.case_id = rectifications.case_id),
    (SELECT l.domain FROM clues l WHERE l.clue_id = rectifications.clue_id), '其他');

CREATE TABLE campaign_tags (
  record_kind TEXT NOT NULL, record_id INTEGER NOT NULL, campaign TEXT NOT NULL,
  PRIMARY KEY (record_kind, record_id, campaign));
CREATE INDEX campaign_tags_campaign ON campaign_tags(campaign, record_kind);
