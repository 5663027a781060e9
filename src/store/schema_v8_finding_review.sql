-- Schema version 8: trust in the case book (issue 12: finding reviews, 灯下黑, IDs in text).
-- A finding's review carries a version: every review (and a promotion, which confirms the
-- finding) adds one, and a review that names an older version is refused (HTTP 409) instead of
-- silently overwriting a colleague's decision. Existing findings start at version 0.
ALTER TABLE findings ADD COLUMN review_version INTEGER NOT NULL DEFAULT 0;
