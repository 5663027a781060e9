-- Load step of the DuckDB peer: turns the raw_<table> tables (every CSV column read as VARCHAR by
-- duckdb_rules.mjs) into typed tables shaped like the store (store/schema_v1.sql): normalised ID
-- numbers, DATE columns, canonical period text plus its first and last day, money as BIGINT fen
-- (via DECIMAL(18,2), never a float). Only the formats the clean synthetic district uses and the
-- simple variants of dataset.md are read; the --noise district's harder variants (full-width digits,
-- 15-digit IDs, Excel damage) are not, which is the importer's job, not this benchmark's.

CREATE MACRO qf_text(x) AS nullif(trim(x), '');

-- Trim, drop a leading apostrophe or backtick, upper case (x → X).
CREATE MACRO qf_id(x) AS upper(trim(ltrim(trim(x), '''`')));

CREATE MACRO qf_date(x) AS
  CAST(try_strptime(qf_text(x), ['%Y-%m-%d', '%Y/%m/%d', '%Y%m%d', '%Y年%m月%d日']) AS DATE);

-- Canonical period text: 2024-03, 2024-Q1, 2024.
CREATE MACRO qf_period(x) AS CASE
  WHEN regexp_full_match(trim(x), '\d{4}-\d{2}') THEN trim(x)
  WHEN regexp_full_match(trim(x), '\d{6}') THEN substr(trim(x), 1, 4) || '-' || substr(trim(x), 5, 2)
  WHEN regexp_full_match(upper(trim(x)), '\d{4}-Q[1-4]') THEN upper(trim(x))
  WHEN regexp_full_match(trim(x), '\d{4}年第[1-4]季度') THEN substr(trim(x), 1, 4) || '-Q' || substr(trim(x), 7, 1)
  WHEN regexp_full_match(trim(x), '\d{4}') THEN trim(x)
END;

CREATE MACRO qf_period_first(p) AS CASE
  WHEN length(p) = 4 THEN make_date(CAST(p AS INTEGER), 1, 1)
  WHEN substr(p, 6, 1) = 'Q' THEN
    make_date(CAST(substr(p, 1, 4) AS INTEGER), (CAST(substr(p, 7, 1) AS INTEGER) - 1) * 3 + 1, 1)
  ELSE make_date(CAST(substr(p, 1, 4) AS INTEGER), CAST(substr(p, 6, 2) AS INTEGER), 1)
END;

CREATE MACRO qf_period_months(p) AS CASE
  WHEN length(p) = 4 THEN 12 WHEN substr(p, 6, 1) = 'Q' THEN 3 ELSE 1 END;

CREATE MACRO qf_period_last(p) AS
  CAST(qf_period_first(p) + to_months(qf_period_months(p)) - INTERVAL 1 DAY AS DATE);

-- Yuan text → integer fen: 1,234.50 / ¥1234.50 / 1234.50元.
CREATE MACRO qf_fen(x) AS CAST(CAST(
  replace(replace(replace(replace(trim(x), ',', ''), '¥', ''), '￥', ''), '元', '')
  AS DECIMAL(18, 2)) * 100 AS BIGINT);

CREATE MACRO qf_fen_or_null(x) AS CASE WHEN qf_text(x) IS NULL THEN NULL ELSE qf_fen(x) END;

-- GB 11643: 17 digits + check character, a plausible province code, an existing birth date.
CREATE MACRO qf_id_valid(id) AS CASE
  WHEN NOT regexp_full_match(id, '\d{17}[0-9X]') THEN false
  WHEN substr(id, 1, 2) NOT IN ('11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33',
      '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54',
      '61', '62', '63', '64', '65', '71', '81', '82') THEN false
  WHEN try_strptime(substr(id, 7, 8), '%Y%m%d') IS NULL THEN false
  ELSE substr('10X98765432', CAST(list_sum(list_transform(range(1, 18),
         i -> (ascii(substr(id, i, 1)) - 48) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i]))
       % 11 AS INTEGER) + 1, 1) = substr(id, 18, 1)
END;

CREATE TABLE persons AS SELECT
  qf_id(id_number) AS id_number, name, qf_text(sex) AS sex, qf_date(birth_date) AS birth_date,
  qf_text(community) AS community, qf_text(household_id) AS household_id
FROM raw_persons;

CREATE TABLE deaths AS SELECT qf_id(id_number) AS id_number, qf_date(death_date) AS death_date
FROM raw_deaths;

CREATE TABLE officials AS SELECT
  qf_id(id_number) AS id_number, qf_text(category) AS category, qf_text(community) AS community,
  qf_date(start_date) AS start_date, qf_date(end_date) AS end_date
FROM raw_officials;

CREATE TABLE kinship AS SELECT qf_id(id_number_a) AS id_number_a, qf_id(id_number_b) AS id_number_b
FROM raw_kinship;

CREATE TABLE companies AS SELECT
  qf_id(id_number) AS id_number, qf_text(role) AS role, qf_text(status) AS status,
  qf_date(registered_date) AS registered_date
FROM raw_companies;

CREATE TABLE vehicles AS SELECT
  qf_id(id_number) AS id_number, qf_text(vehicle_type) AS vehicle_type,
  qf_date(registered_date) AS registered_date
FROM raw_vehicles;

CREATE TABLE properties AS SELECT
  qf_text(certificate_no) AS certificate_no, qf_id(id_number) AS id_number,
  qf_text(usage) AS usage, qf_date(registered_date) AS registered_date
FROM raw_properties;

CREATE TABLE programs AS SELECT
  qf_text(code) AS code, qf_text(means_tested) = '是' AS means_tested, qf_text(period) AS cycle,
  qf_fen_or_null(standard) AS standard, qf_fen_or_null(max_amount) AS max_amount,
  CAST(qf_text(min_age) AS INTEGER) AS min_age, CAST(qf_text(max_age) AS INTEGER) AS max_age,
  qf_text(exclusive_group) AS exclusive_group
FROM raw_programs;

CREATE TABLE enrolments AS SELECT
  qf_text(program_code) AS program_code, qf_id(id_number) AS id_number,
  qf_text(community) AS community, qf_date(start_date) AS start_date, qf_date(end_date) AS end_date
FROM raw_enrolments;

CREATE TABLE cards AS SELECT
  qf_text(account_no) AS account_no, qf_id(id_number) AS id_number, qf_text(status) AS status
FROM raw_cards;

CREATE TABLE payments AS
WITH p AS (
  SELECT qf_text(payment_id) AS payment_id, qf_text(program_code) AS program_code,
    qf_id(id_number) AS id_number, name, qf_text(account_no) AS account_no,
    qf_fen(amount) AS amount, qf_period(period) AS period, qf_date(paid_date) AS paid_date
  FROM raw_payments)
SELECT *, qf_period_first(period) AS period_first, qf_period_last(period) AS period_last FROM p;
