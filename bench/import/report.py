"""Prints the import benchmark's table: rows, seconds and rows/s per table and in total.

Rows are counted in the store itself (sqlite3 module); per-table seconds come from the import's
summary lines ("payments.csv：读取 N 行，导入 N 行，…，用时 x.x 秒") when it prints them.
Usage: report.py DB_PATH IMPORT_LOG TOTAL_SECONDS PEAK_MB
"""
import re
import sqlite3
import sys

TABLES = ["programs", "persons", "deaths", "officials", "kinship", "companies", "vehicles",
          "properties", "cards", "enrolments", "payments", "collective_transactions",
          "collective_contracts", "enterprise_projects", "project_payments", "project_invoices"]
SUMMARY = re.compile(r"([\w.\-/]+?)\.(?:csv|xlsx)\s*[：:].*?用时\s*([\d.]+)\s*秒")


def main():
    db_path, log_path, total_seconds, peak_mb = sys.argv[1:5]
    total_seconds = float(total_seconds)
    seconds = {}
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            m = SUMMARY.search(line)
            if m:
                table = m.group(1).rsplit("/", 1)[-1]
                seconds[table] = seconds.get(table, 0.0) + float(m.group(2))
    con = sqlite3.connect(db_path)
    print(f"{'table':<24}{'rows':>12}{'seconds':>10}{'rows/s':>12}")
    total_rows = 0
    for table in TABLES:
        try:
            rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except sqlite3.Error:
            rows = 0
        total_rows += rows
        s = seconds.get(table)
        if s is None:
            print(f"{table:<24}{rows:>12,}{'-':>10}{'-':>12}")
        else:
            rate = f"{rows / s:,.0f}" if s > 0 else "-"
            print(f"{table:<24}{rows:>12,}{s:>10.1f}{rate:>12}")
    rate = total_rows / total_seconds if total_seconds > 0 else 0
    print(f"{'total (qingfeng import)':<24}{total_rows:>12,}{total_seconds:>10.2f}{rate:>12,.0f}")
    print(f"import peak memory: {peak_mb} MB")
    if not seconds:
        print("(the import printed no per-table summary lines; only the total is timed)")


main()
