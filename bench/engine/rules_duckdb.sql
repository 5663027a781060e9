-- The ledger rules R01–R16 of spec/rules.md as SQL, for the DuckDB peer of the engine benchmark.
-- Runs over the typed tables of load_duckdb.sql. Each rule is one query whose result has the key
-- columns of the findings export (rule,id_number,program_code,period,account_no,ref; unused keys
-- are ''), one row per finding. duckdb_rules.mjs splits this file at ';' line ends: a chunk with a
-- "-- RULE Rnn needs t1 t2" line is a rule (skipped when a needed table has no rows), any other
-- chunk is a helper statement run before the rules (and timed with them).
--
-- Readings taken where rules.md leaves room (each is what a literal reading gives):
-- * "a payment" is a positive payment row: a reversal (negative amount) returns money rather than
--   paying it. R04 counts both signs; R12 counts any row as paid, as rules.md says.
-- * The household of a person not in persons is the person alone.
-- * R09 counts distinct certificate numbers across the household; "registered before the period
--   ends" is registered_date <= the payment period's last day. ref is informative only.
-- * R12 needs the program in programs (for its cycle) and at least one payment of it.
-- * R13: names are compared after trimming, removing spaces (also U+3000, U+00A0) and mapping the
--   separators • ． . ‧ to ·. DuckDB has no NFKC, no traditional→simplified and no pinyin, so a
--   traditional or pinyin clerical variant counts as a mismatch here (the clean district has none).

CREATE MACRO qf_name(x) AS
  regexp_replace(regexp_replace(trim(x), '[\s\x{3000}\x{00A0}]', '', 'g'), '[•．.‧]', '·', 'g');

CREATE MACRO qf_end(d) AS coalesce(d, DATE '9999-12-31');

-- Household pairs (the person included) for everyone in persons.
CREATE TEMP TABLE household AS
SELECT a.id_number, b.id_number AS member
FROM persons a JOIN persons b ON a.household_id = b.household_id;

CREATE TEMP TABLE as_of AS SELECT max(paid_date) AS day FROM payments;

-- GB 11643 validity and the ID's birth date, once per ID number paid.
CREATE TEMP TABLE paid_ids AS
SELECT id_number, valid,
  CASE WHEN valid THEN CAST(strptime(substr(id_number, 7, 8), '%Y%m%d') AS DATE) END AS id_birth
FROM (SELECT id_number, qf_id_valid(id_number) AS valid
      FROM (SELECT DISTINCT id_number FROM payments));

-- RULE R01 needs payments deaths
SELECT DISTINCT 'R01' AS rule, p.id_number, p.program_code, '' AS period, '' AS account_no, '' AS ref
FROM payments p JOIN deaths d ON d.id_number = p.id_number
WHERE p.amount > 0 AND p.period_first > d.death_date;

-- RULE R02 needs payments programs officials
WITH paid AS (
  SELECT DISTINCT p.id_number, p.program_code, p.period_first, p.period_last
  FROM payments p JOIN programs g ON g.code = p.program_code
  WHERE p.amount > 0 AND g.means_tested),
members AS (
  SELECT paid.*, coalesce(h.member, paid.id_number) AS member
  FROM paid LEFT JOIN household h ON h.id_number = paid.id_number)
SELECT DISTINCT 'R02', m.id_number, m.program_code, '', '', ''
FROM members m JOIN officials o ON o.id_number = m.member
WHERE o.category IN ('公务员', '参公', '事业编', '国企')
  AND o.start_date <= m.period_last AND qf_end(o.end_date) >= m.period_first;

-- RULE R03 needs enrolments programs officials
WITH cadres AS (
  SELECT id_number, community, start_date, end_date FROM officials
  WHERE category IN ('村干部', '社区干部')),
relatives AS (
  SELECT c.id_number AS cadre, r.relative
  FROM (SELECT DISTINCT id_number FROM cadres) c,
  LATERAL (
    SELECT c.id_number AS relative
    UNION SELECT member FROM household h WHERE h.id_number = c.id_number
    UNION SELECT id_number_b FROM kinship k WHERE k.id_number_a = c.id_number
    UNION SELECT id_number_a FROM kinship k WHERE k.id_number_b = c.id_number) r)
SELECT DISTINCT 'R03', e.id_number, e.program_code, '', '', c.id_number
FROM enrolments e
JOIN programs g ON g.code = e.program_code AND g.means_tested
JOIN relatives r ON r.relative = e.id_number
JOIN cadres c ON c.id_number = r.cadre AND c.community = e.community
WHERE c.start_date <= qf_end(e.end_date) AND qf_end(c.end_date) >= e.start_date;

-- RULE R04 needs payments programs
SELECT 'R04', p.id_number, p.program_code,
  CASE WHEN g.cycle = '一次' THEN '' ELSE p.period END AS key_period, '', ''
FROM payments p LEFT JOIN programs g ON g.code = p.program_code
GROUP BY p.id_number, p.program_code, key_period
HAVING count(*) FILTER (WHERE p.amount > 0) - count(*) FILTER (WHERE p.amount < 0) >= 2;

-- RULE R05 needs payments cards
WITH recipients AS (SELECT DISTINCT account_no, id_number FROM payments WHERE amount > 0)
SELECT 'R05', '', '', '', r.account_no, ''
FROM recipients r
LEFT JOIN cards c ON c.account_no = r.account_no
LEFT JOIN persons ph ON ph.id_number = c.id_number
LEFT JOIN persons pr ON pr.id_number = r.id_number
WHERE c.account_no IS NULL
   OR NOT (r.id_number = c.id_number OR coalesce(ph.household_id = pr.household_id, false))
GROUP BY r.account_no
HAVING count(*) >= 2;

-- RULE R06 needs cards
SELECT 'R06', id_number, '', '', '', ''
FROM cards WHERE status = '正常'
GROUP BY id_number HAVING count(DISTINCT account_no) >= 2;

-- RULE R07 needs payments programs
SELECT DISTINCT 'R07', p.id_number, p.program_code, p.period, '', ''
FROM payments p JOIN programs g ON g.code = p.program_code
WHERE coalesce(g.standard, g.max_amount) IS NOT NULL
  AND p.amount > greatest(coalesce(g.standard, g.max_amount), coalesce(g.max_amount, g.standard));

-- RULE R08 needs payments programs
WITH paid AS (
  SELECT DISTINCT p.id_number, p.program_code, p.period, g.exclusive_group
  FROM payments p JOIN programs g ON g.code = p.program_code
  WHERE p.amount > 0 AND g.exclusive_group IS NOT NULL)
SELECT DISTINCT 'R08', a.id_number, a.program_code || '+' || b.program_code, '', '', ''
FROM paid a JOIN paid b
  ON a.id_number = b.id_number AND a.period = b.period
 AND a.exclusive_group = b.exclusive_group AND a.program_code < b.program_code;

-- RULE R09 needs payments programs
WITH paid AS (
  SELECT DISTINCT p.id_number, p.program_code, p.period_last
  FROM payments p JOIN programs g ON g.code = p.program_code
  WHERE p.amount > 0 AND g.means_tested),
members AS (
  SELECT paid.*, coalesce(h.member, paid.id_number) AS member
  FROM paid LEFT JOIN household h ON h.id_number = paid.id_number),
hits AS (
  SELECT m.id_number, m.program_code, 1 AS kind
  FROM members m JOIN vehicles v ON v.id_number = m.member
  WHERE v.vehicle_type IN ('小型汽车', '货车') AND v.registered_date <= m.period_last
  UNION ALL
  SELECT m.id_number, m.program_code, 2
  FROM members m JOIN companies c ON c.id_number = m.member
  WHERE c.role IN ('法定代表人', '股东') AND c.status = '存续' AND c.registered_date <= m.period_last
  UNION ALL
  SELECT m.id_number, m.program_code, 3
  FROM members m JOIN properties pr ON pr.id_number = m.member
  WHERE pr.registered_date <= m.period_last
  GROUP BY m.id_number, m.program_code, m.period_last
  HAVING count(DISTINCT pr.certificate_no) FILTER (WHERE pr.usage = '住宅') >= 2
      OR count(*) FILTER (WHERE pr.usage = '商业') >= 1)
SELECT 'R09', id_number, program_code, '', '',
  CASE min(kind) WHEN 1 THEN 'vehicle' WHEN 2 THEN 'company' ELSE 'property' END
FROM hits GROUP BY id_number, program_code;

-- RULE R10 needs payments programs
WITH paid AS (
  SELECT DISTINCT p.id_number, p.program_code, p.period_first
  FROM payments p JOIN programs g ON g.code = p.program_code
  WHERE p.amount > 0 AND (g.min_age IS NOT NULL OR g.max_age IS NOT NULL)),
born AS (
  SELECT paid.*, g.min_age, g.max_age, coalesce(pe.birth_date, i.id_birth) AS birth
  FROM paid JOIN programs g ON g.code = paid.program_code
  LEFT JOIN persons pe ON pe.id_number = paid.id_number
  LEFT JOIN paid_ids i ON i.id_number = paid.id_number),
aged AS (
  SELECT *, year(period_first) - year(birth)
    - CASE WHEN month(period_first) * 100 + day(period_first) < month(birth) * 100 + day(birth)
      THEN 1 ELSE 0 END AS age
  FROM born WHERE birth IS NOT NULL)
SELECT DISTINCT 'R10', id_number, program_code, '', '', ''
FROM aged WHERE age < min_age OR age > max_age;

-- RULE R11 needs payments persons
SELECT DISTINCT 'R11', p.id_number, p.program_code, '', '', ''
FROM (SELECT DISTINCT id_number, program_code FROM payments WHERE amount > 0) p
JOIN paid_ids i ON i.id_number = p.id_number
LEFT JOIN persons pe ON pe.id_number = p.id_number
WHERE pe.id_number IS NULL OR NOT i.valid;

-- RULE R12 needs enrolments payments programs
WITH earliest AS (
  SELECT program_code, min(period_first) AS first_day FROM payments GROUP BY program_code),
spans AS (
  SELECT e.id_number, e.program_code, e.start_date, qf_end(e.end_date) AS end_date, x.first_day,
    CASE WHEN g.cycle = '季' THEN 3 WHEN g.cycle = '年' THEN 12 ELSE 1 END AS months
  FROM enrolments e
  JOIN programs g ON g.code = e.program_code
  JOIN earliest x ON x.program_code = e.program_code),
aligned AS (
  SELECT *,
    CASE months WHEN 3 THEN CAST(date_trunc('quarter', start_date) AS DATE)
      WHEN 12 THEN CAST(date_trunc('year', start_date) AS DATE)
      ELSE CAST(date_trunc('month', start_date) AS DATE) END AS first_start
  FROM spans),
periods AS (
  SELECT id_number, program_code, months, end_date, CAST(t.d AS DATE) AS period_first
  FROM aligned, as_of,
  LATERAL unnest(generate_series(
    CAST(CASE WHEN first_start < start_date THEN first_start + to_months(months)
      ELSE first_start END AS TIMESTAMP),
    CAST(least(end_date, as_of.day) AS TIMESTAMP),
    to_months(months))) AS t(d)
  WHERE CAST(t.d AS DATE) >= first_day),
due AS (
  SELECT *, CAST(period_first + to_months(months) - INTERVAL 1 DAY AS DATE) AS period_last,
    CASE months WHEN 3 THEN strftime(period_first, '%Y') || '-Q' || quarter(period_first)
      WHEN 12 THEN strftime(period_first, '%Y') ELSE strftime(period_first, '%Y-%m') END AS period
  FROM periods)
SELECT DISTINCT 'R12', d.id_number, d.program_code, d.period, '', ''
FROM due d, as_of
WHERE d.period_last <= d.end_date AND as_of.day - d.period_last > 30
  AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.id_number = d.id_number
    AND p.program_code = d.program_code AND p.period = d.period);

-- RULE R13 needs payments persons
SELECT DISTINCT 'R13', p.id_number, p.program_code, '', '', ''
FROM (SELECT DISTINCT id_number, program_code, name FROM payments WHERE amount > 0) p
JOIN persons pe ON pe.id_number = p.id_number
WHERE p.name <> pe.name AND qf_name(p.name) <> qf_name(pe.name);

-- RULE R14 needs payments cards
SELECT DISTINCT 'R14', p.id_number, p.program_code, '', p.account_no, ''
FROM (SELECT DISTINCT id_number, program_code, account_no FROM payments WHERE amount > 0) p
LEFT JOIN cards c ON c.account_no = p.account_no
LEFT JOIN persons pr ON pr.id_number = p.id_number
LEFT JOIN persons ph ON ph.id_number = c.id_number
WHERE c.account_no IS NULL
   OR NOT (c.id_number = p.id_number OR coalesce(pr.household_id = ph.household_id, false));

-- RULE R15 needs enrolments
SELECT DISTINCT 'R15', a.id_number, a.program_code, '', '', ''
FROM enrolments a JOIN enrolments b
  ON a.id_number = b.id_number AND a.program_code = b.program_code AND a.community < b.community
WHERE a.start_date <= qf_end(b.end_date) AND b.start_date <= qf_end(a.end_date);

-- RULE R16 needs payments enrolments
WITH paid AS (
  SELECT DISTINCT id_number, program_code, period_first, period_last FROM payments
  WHERE amount > 0)
SELECT DISTINCT 'R16', p.id_number, p.program_code, '', '', ''
FROM paid p LEFT JOIN enrolments e
  ON e.id_number = p.id_number AND e.program_code = p.program_code
 AND e.start_date <= p.period_first AND qf_end(e.end_date) >= p.period_last
WHERE e.id_number IS NULL;
