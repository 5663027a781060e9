#!/usr/bin/env bash
# Import benchmark: synthesises a 1,000,000-person district once (cached), then `qingfeng init` +
# `qingfeng import` into a fresh SQLite file, and prints rows, seconds and rows/s per table and in
# total, with the import's peak memory. Usage: bench/import/run.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/import/district.sh
bench_setup "${1:-build}"
bench_ensure_district

rm -f "$DISTRICT_DB" "$DISTRICT_DB-wal" "$DISTRICT_DB-shm" "$DISTRICT_DB.imported"
export QINGFENG_DB="sqlite:$DISTRICT_DB"
bench_measure "$BENCH_DATA/init.log" -- "$QF_BIN" init
if [ "$BENCH_RC" -ne 0 ]; then
  echo "import: qingfeng init failed (exit $BENCH_RC)" >&2
  tail -5 "$BENCH_DATA/init.log" >&2
  exit 1
fi

log="$BENCH_DATA/import.log"
bench_measure "$log" -- "$QF_BIN" import "$DISTRICT_DIR"
if [ "$BENCH_RC" -ne 0 ]; then
  echo "import: qingfeng import exited $BENCH_RC; see $log" >&2
  tail -5 "$log" >&2
fi
python3 bench/import/report.py "$DISTRICT_DB" "$log" "$BENCH_SECONDS" "$BENCH_PEAK_MB"
echo "($BENCH_PERSONS persons, density $BENCH_DENSITY; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
# The peer in the same run: SQLite's own importer on the same files and schema.
bash bench/import/sqlite_floor.sh "${1:-build}"
# And the least SQLite needs for the payments alone, everything but the inserts taken away.
floor_db="$BENCH_DATA/insert-floor.db"
rm -f "$floor_db"
QINGFENG_DB="sqlite:$floor_db" "$QF_BIN" init >/dev/null 2>&1
"$(dirname "$QF_BIN")/bench/import/import_floor_bench" "$DISTRICT_DIR/payments.csv" "$floor_db"
rm -f "$floor_db" "$floor_db-wal" "$floor_db-shm"
# The engine benchmark reuses this store when the import succeeded.
if [ "$BENCH_RC" -eq 0 ]; then date +%s >"$DISTRICT_DB.imported"; fi
