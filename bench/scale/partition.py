#!/usr/bin/env python3
"""Splits a canonical district folder into K partitions by home region, and merges the partitions'
findings exports back into one. docs/scale.md explains the design; this is its measured form.

  partition.py split --parts K --out DIR DISTRICT_DIR
      writes DIR/part-0 .. DIR/part-(K-1) (canonical CSV folders, UTF-8), DIR/as_of.txt (the
      whole district's as-of date: every partition's check must use it) and DIR/owners.pickle.
  partition.py merge --out FILE DIR FINDINGS_0.csv .. FINDINGS_(K-1).csv
      keeps from partition p's export only the findings p owns and writes them sorted as
      engine::WriteFindingsCsv sorts (rule, id_number, program_code, period, account_no, ref).

The partition key of a person is the (region_code, community) of their household's first listed
member, so a household never straddles partitions; the units are dealt to partitions largest first
(balanced by persons). An ID number absent from persons (R11's invalid or unknown identities) lives
in partition 0. Which rows each partition receives (its own rows, plus the halo) and which findings
it owns are listed in docs/scale.md and in the functions below.
"""
import argparse
import csv
import io
import os
import pickle
import re
import sys
import unicodedata

# The canonical column names this script reads, with their Chinese headers (spec/dataset.md).
CHINESE = {
    "身份证号": "id_number", "户号": "household_id", "社区": "community", "所在社区": "community",
    "行政区划代码": "region_code", "类别": "category", "身份证号A": "id_number_a",
    "身份证号B": "id_number_b", "统一社会信用代码": "credit_code", "账号": "account_no",
    "持卡人身份证号": "id_number", "收款账号": "account_no", "项目代码": "program_code",
    "所属期": "period", "发放日期": "paid_date", "初审人身份证号": "reviewer_id",
    "审批人身份证号": "approver_id", "承包方证件号": "counterparty_id", "流水号": "payment_id",
}
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
CADRES = {"村干部", "社区干部"}
COLLECTIVE = ["collective_transactions", "collective_contracts", "enterprise_projects",
              "project_payments", "project_invoices"]
ENTERPRISE_RULES = {"R%02d" % n for n in range(17, 27)}


def normalize_id(text):
    """CitizenId::Normalize for the forms that can match persons: NFKC, spaces, apostrophe, x."""
    if len(text) == 18 and text.isascii() and text[:17].isdigit():
        return text.upper()  # the common case, already normal
    t = unicodedata.normalize("NFKC", text).strip().lstrip("'").strip().upper()
    if len(t) == 15 and t.isdigit():
        body = t[:6] + "19" + t[6:]
        t = body + CHECK[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]
    return t


def stable_hash(text):
    h = 2166136261
    for b in text.encode():
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


class Table:
    """One CSV file: its encoding detected, its header mapped to canonical names."""

    def __init__(self, folder, name):
        self.path = os.path.join(folder, name + ".csv")
        self.exists = os.path.exists(self.path)
        if not self.exists:
            return
        with open(self.path, "rb") as f:
            head = f.read(1 << 20)
        self.encoding = "utf-8-sig"
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as e:
            if e.start < len(head) - 4:  # not merely a character cut by the 1 MB read
                self.encoding = "gb18030"
        with open(self.path, encoding=self.encoding, newline="") as f:
            self.header_line = f.readline()
        cols = next(csv.reader([self.header_line]))
        self.col = {}
        for i, c in enumerate(cols):
            c = c.strip()
            self.col.setdefault(CHINESE.get(c, c), i)

    def rows(self):
        """Yields (raw line, fields) for each data row."""
        with open(self.path, encoding=self.encoding, newline="") as f:
            f.readline()
            pending = ""
            for line in f:
                line = pending + line
                if line.count('"') % 2:  # a quoted field runs on to the next line
                    pending = line
                    continue
                pending = ""
                if not line.strip():
                    continue
                fields = line.rstrip("\r\n").split(",") if '"' not in line else next(
                    csv.reader([line]))
                yield line if line.endswith("\n") else line + "\n", fields

    def get(self, fields, name):
        i = self.col.get(name)
        return fields[i] if i is not None and i < len(fields) else ""


class Writers:
    def __init__(self, out, k, halo=True):
        self.halo = halo
        self.dirs = [os.path.join(out, "part-%d" % p) for p in range(k)]
        for d in self.dirs:
            os.makedirs(d, exist_ok=True)
        self.counts = {}

    def table(self, table, name, rows, reference=False):
        """Writes each (line, owner, halo partitions) row to its owner and, unless the halo is
        off (--no-halo, to show what it is for), to the halo partitions."""
        files = [open(os.path.join(d, name + ".csv"), "w", encoding="utf-8", newline="",
                      buffering=1 << 20) for d in self.dirs]
        for f in files:
            f.write(table.header_line)
        counts = [0] * (len(files) + 1)  # per partition, then the source rows
        for line, own, extra in rows:
            counts[-1] += 1
            for p in {own, *extra} if self.halo or reference else (own,):
                files[p].write(line)
                counts[p] += 1
        for f in files:
            f.close()
        self.counts[name] = counts


def parse_date(text):
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return text  # ISO already
    t = unicodedata.normalize("NFKC", text).strip()
    m = re.fullmatch(r"(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?", t) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", t)
    return "%s-%02d-%02d" % (m.group(1), int(m.group(2)), int(m.group(3))) if m else None


class Owners:
    """Which partition owns a person, an account and a finding."""

    def __init__(self, k, person_part, account_holder):
        self.k, self.person_part, self.account_holder = k, person_part, account_holder

    def person(self, raw_id):
        return self.person_part.get(normalize_id(raw_id), 0)

    def account(self, account):
        holder = self.account_holder.get(account.strip())
        return self.person(holder) if holder is not None else stable_hash(account.strip()) % self.k

    def finding(self, rule, id_number, account_no):
        if rule in ENTERPRISE_RULES:
            return 0
        if rule == "R05":
            return self.account(account_no)
        return self.person(id_number)


def assign_units(persons, k):
    """person id → partition: households by their first member's unit, units balanced."""
    household_unit, person_household, unit_size = {}, {}, {}
    for _, f in persons.rows():
        pid = normalize_id(persons.get(f, "id_number"))
        hh = persons.get(f, "household_id").strip()
        unit = household_unit.setdefault(
            hh, (persons.get(f, "region_code").strip(), persons.get(f, "community").strip()))
        person_household[pid] = hh
        unit_size[unit] = unit_size.get(unit, 0) + 1
    load, unit_part = [0] * k, {}
    for unit in sorted(unit_size, key=lambda u: (-unit_size[u], u)):
        p = min(range(k), key=lambda i: (load[i], i))
        unit_part[unit] = p
        load[p] += unit_size[unit]
    person_part = {pid: unit_part[household_unit[hh]] for pid, hh in person_household.items()}
    return person_part, person_household


def read_pairs(table, a, b):
    return [(normalize_id(table.get(f, a)), normalize_id(table.get(f, b))) for _, f in
            table.rows()] if table.exists else []


def central_people(src, kin_pairs, person_household):
    """Partition 0 holds the 三资 and enterprise tables: the people R18/R24/R25 look at (cadres,
    reviewers, approvers, applicants' people, counterparties), their households and their kin."""
    core = set()
    officials, companies = Table(src, "officials"), Table(src, "companies")
    if officials.exists:
        core |= {normalize_id(officials.get(f, "id_number")) for _, f in officials.rows()
                 if officials.get(f, "category").strip() in CADRES}
    applicants = set()
    projects = Table(src, "enterprise_projects")
    if projects.exists:
        for _, f in projects.rows():
            applicants.add(projects.get(f, "credit_code").strip().upper())
            core |= {normalize_id(projects.get(f, c)) for c in ("reviewer_id", "approver_id")}
    if companies.exists:
        core |= {normalize_id(companies.get(f, "id_number")) for _, f in companies.rows()
                 if companies.get(f, "credit_code").strip().upper() in applicants}
    contracts = Table(src, "collective_contracts")
    if contracts.exists:
        core |= {normalize_id(contracts.get(f, "counterparty_id")) for _, f in contracts.rows()}
    households = {person_household[p] for p in core if p in person_household}
    kin = {b for a, b in kin_pairs if a in core} | {a for a, b in kin_pairs if b in core}
    return core | kin, households


def split_payments(src, w, owners, k, persons_extra, cards_extra):
    """Payments: to the recipient's partition and the account's; the first row of every (program,
    period) to all partitions, so each sees the program's earliest period (R12). Collects the halo:
    a recipient's persons row goes to the account's partition (R05), the card of the account and
    its holder's persons row to the recipient's partition (R14). Returns the latest paid date."""
    pay = Table(src, "payments")
    if not pay.exists:
        return None
    seen_periods, latest = set(), None
    everyone = tuple(range(k))

    c_id, c_acc, c_prog, c_period, c_date = (pay.col[c] for c in (
        "id_number", "account_no", "program_code", "period", "paid_date"))

    def gen():
        nonlocal latest
        for line, f in pay.rows():
            rid = normalize_id(f[c_id])
            acc = f[c_acc].strip()
            mine, theirs = owners.person_part.get(rid, 0), owners.account(acc)
            key = (f[c_prog].strip(), f[c_period].strip())
            if key not in seen_periods:
                seen_periods.add(key)
                extra = everyone
            else:
                extra = () if mine == theirs else (theirs,)
            if mine != theirs:
                persons_extra.setdefault(rid, set()).add(theirs)
                cards_extra.setdefault(acc, set()).add(mine)
                holder = owners.account_holder.get(acc)
                if holder is not None:
                    persons_extra.setdefault(normalize_id(holder), set()).add(mine)
            d = parse_date(f[c_date])
            if d and (latest is None or d > latest):
                latest = d
            yield line, mine, extra

    w.table(pay, "payments", gen())
    return latest


def by_person(table, column, owners, extra=None, also=()):
    for line, f in table.rows():
        pid = normalize_id(table.get(f, column))
        yield line, owners.person_part.get(pid, 0), {*also, *(extra or {}).get(pid, ())}


def split(args):
    src, k = args.district, args.parts
    if k < 1:
        sys.exit("partition.py: --parts must be at least 1")
    xlsx = sorted(n for n in os.listdir(src) if n.lower().endswith(".xlsx"))
    if xlsx:  # a table delivered as XLSX would silently be missing from every partition
        sys.exit("partition.py: %s: XLSX tables are not split; save them as CSV first" %
                 os.path.join(src, xlsx[0]))
    if not os.path.exists(os.path.join(src, "persons.csv")):
        sys.exit("partition.py: %s: no persons.csv, which the partition key comes from" % src)
    persons = Table(src, "persons")
    person_part, person_household = assign_units(persons, k)
    cards = Table(src, "cards")
    holders = {}
    if cards.exists:
        holders = {cards.get(f, "account_no").strip(): cards.get(f, "id_number") for _, f in
                   cards.rows()}
    owners = Owners(k, person_part, holders)
    w = Writers(args.out, k, halo=not args.no_halo)
    persons_extra, cards_extra = {}, {}
    as_of = split_payments(src, w, owners, k, persons_extra, cards_extra)

    kin_pairs = read_pairs(Table(src, "kinship"), "id_number_a", "id_number_b")
    kin_extra = {}  # the kin of a person a partition owns: their persons and officials rows (R03)
    for a, b in kin_pairs:
        kin_extra.setdefault(a, set()).add(person_part.get(b, 0))
        kin_extra.setdefault(b, set()).add(person_part.get(a, 0))
    for pid, parts in kin_extra.items():
        persons_extra.setdefault(pid, set()).update(parts)
    central, central_households = central_people(src, kin_pairs, person_household)
    for pid in central:
        persons_extra.setdefault(pid, set()).add(0)
    for pid, hh in person_household.items():
        if hh in central_households:
            persons_extra.setdefault(pid, set()).add(0)

    w.table(persons, "persons", by_person(persons, "id_number", owners, persons_extra))
    if cards.exists:
        w.table(cards, "cards", ((line, owners.account(cards.get(f, "account_no")),
                                  cards_extra.get(cards.get(f, "account_no").strip(), ()))
                                 for line, f in cards.rows()))
    kinship = Table(src, "kinship")
    if kinship.exists:
        w.table(kinship, "kinship", (
            (line, person_part.get(normalize_id(kinship.get(f, "id_number_a")), 0),
             (0, person_part.get(normalize_id(kinship.get(f, "id_number_b")), 0)))
            for line, f in kinship.rows()))
    officials = Table(src, "officials")
    if officials.exists:
        w.table(officials, "officials", by_person(officials, "id_number", owners, kin_extra, {0}))
    split_companies(src, w, owners)
    for name in ("deaths", "vehicles", "properties", "enrolments"):
        t = Table(src, name)
        if t.exists:
            w.table(t, name, by_person(t, "id_number", owners))
    t = Table(src, "programs")
    if t.exists:
        w.table(t, "programs", ((line, 0, range(k)) for line, _ in t.rows()), reference=True)
    for name in COLLECTIVE:
        t = Table(src, name)
        if t.exists:
            w.table(t, name, ((line, 0, ()) for line, _ in t.rows()))
    with open(os.path.join(args.out, "as_of.txt"), "w") as f:
        f.write((as_of or "") + "\n")
    with open(os.path.join(args.out, "owners.pickle"), "wb") as f:
        pickle.dump((k, person_part, holders), f, protocol=pickle.HIGHEST_PROTOCOL)
    print("%-24s %s %10s %6s" % ("table", " ".join("%9s" % ("part-%d" % p) for p in range(k)),
                                 "district", "copies"))
    total = [0] * (k + 1)
    for name, counts in sorted(w.counts.items()):
        total = [a + b for a, b in zip(total, counts)]
        print_counts(name, counts)
    print_counts("all rows", total)


def print_counts(name, counts):
    """One line: rows per partition, rows in the district, and written rows per district row."""
    copies = sum(counts[:-1]) / counts[-1] if counts[-1] else 0
    print("%-24s %s %10d %6.3f" % (name, " ".join("%9d" % c for c in counts[:-1]), counts[-1],
                                   copies))


def split_companies(src, w, owners):
    """Companies: every row of a credit code to each partition owning one of its people (R09 sees
    the whole company), and all rows to partition 0 (R24, R25)."""
    t = Table(src, "companies")
    if not t.exists:
        return
    code_parts = {}
    for _, f in t.rows():
        code = t.get(f, "credit_code").strip().upper()
        code_parts.setdefault(code, {0}).add(owners.person(t.get(f, "id_number")))
    w.table(t, "companies", ((line, owners.person(t.get(f, "id_number")),
                              code_parts[t.get(f, "credit_code").strip().upper()])
                             for line, f in t.rows()))


def merge(args):
    with open(os.path.join(args.dir, "owners.pickle"), "rb") as f:
        owners = Owners(*pickle.load(f))
    rows, header = [], None
    for p, path in enumerate(args.findings):
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        reader = csv.reader(io.StringIO(text))
        lines = [line + "\n" for line in text.split("\n")[:-1]]
        header = lines[0]
        for record, line in zip(list(reader)[1:], lines[1:]):
            if owners.finding(record[0], record[1], record[4]) == p:
                rows.append((tuple(x.encode() for x in record[:6]), line))
    rows.sort(key=lambda r: r[0])
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write(header or "rule,id_number,program_code,period,account_no,ref,severity,amount,"
                          "evidence\n")
        f.writelines(line for _, line in rows)
    print("merged %d findings from %d partitions" % (len(rows), len(args.findings)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("split")
    s.add_argument("--parts", type=int, required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--no-halo", action="store_true",
                   help="write each row to its owner only (to show what the halo is for)")
    s.add_argument("district")
    m = sub.add_parser("merge")
    m.add_argument("--out", required=True)
    m.add_argument("dir")
    m.add_argument("findings", nargs="+")
    args = ap.parse_args()
    split(args) if args.command == "split" else merge(args)


if __name__ == "__main__":
    sys.exit(main())
