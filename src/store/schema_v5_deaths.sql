-- Schema version 5: several death records per person (spec/rules.md, "Readings settled after the
-- boundary review"). The civil-affairs 火化 record, the police 户籍注销 and the hospital's
-- 死亡医学证明 are separate deliveries of one death, so deaths is keyed by (id_number, source);
-- the rules take the earliest death_date. The table is rebuilt because neither SQLite nor a
-- portable ALTER can change a primary key; its rows are kept.
CREATE TABLE deaths_by_source (
  id_number TEXT NOT NULL, name TEXT NOT NULL, death_date TEXT NOT NULL, source TEXT NOT NULL,
  PRIMARY KEY (id_number, source));
INSERT INTO deaths_by_source (id_number, name, death_date, source)
  SELECT id_number, name, death_date, source FROM deaths;
DROP TABLE deaths;
ALTER TABLE deaths_by_source RENAME TO deaths;
