#!/usr/bin/env bash
# The import benchmark's peer: SQLite's own CSV importer (`sqlite3` `.import`) loading the same
# district files into the same schema, in one transaction, with the secondary indexes dropped
# before and built after (as `qingfeng import` does). It validates nothing, converts nothing (an
# amount stays the text "21800.00"), encrypts and audits nothing: the time SQLite alone needs to
# store these rows with their keys and indexes on this machine, a floor under any importer that
# writes them into this store. Prints seconds and rows/s.
#
# Usage: bench/import/sqlite_floor.sh BUILD_DIR   (after bench/import/run.sh has synthesised)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/import/district.sh
bench_setup "${1:-build}"
bench_ensure_district
command -v sqlite3 >/dev/null || { echo "sqlite_floor: sqlite3 not found (Debian package sqlite3)" >&2; exit 2; }

db="$BENCH_DATA/sqlite-floor.db"
rm -f "$db" "$db-wal" "$db-shm"
QINGFENG_DB="sqlite:$db" "$QF_BIN" init >/dev/null 2>&1

script="$BENCH_DATA/sqlite-floor.sql"
tables=()
for file in "$DISTRICT_DIR"/*.csv; do
  table=$(basename "$file" .csv)
  [ "$table" = truth ] && continue
  tables+=("$table")
done
in_list=$(printf "'%s'," "${tables[@]}")
in_list=${in_list%,}
{
  echo "BEGIN;"
  sqlite3 "$db" "SELECT 'DROP INDEX \"' || name || '\";' FROM sqlite_master WHERE type = 'index'
                 AND sql IS NOT NULL AND upper(sql) NOT LIKE 'CREATE UNIQUE%'
                 AND tbl_name IN ($in_list) ORDER BY name"
  echo ".mode csv"
  for table in "${tables[@]}"; do
    file="$DISTRICT_DIR/$table.csv"
    header=$(head -1 "$file" | tr -d '\r')
    columns=$(sqlite3 "$db" "SELECT group_concat(name, ',') FROM pragma_table_info('$table')")
    if [ "$header" = "$columns" ]; then
      echo ".import --skip 1 $file $table"
    else  # the file's columns in another order: through a table shaped like the file
      echo "CREATE TEMP TABLE staged_$table ($header);"
      echo ".import --skip 1 $file staged_$table"
      echo "INSERT INTO $table ($header) SELECT $header FROM staged_$table;"
      echo "DROP TABLE staged_$table;"
    fi
  done
  sqlite3 "$db" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                 AND upper(sql) NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ($in_list) ORDER BY name"
  echo "COMMIT;"
} >"$script"

rows=0
for table in "${tables[@]}"; do
  rows=$((rows + $(wc -l <"$DISTRICT_DIR/$table.csv") - 1))
done
start=$(date +%s.%N)
sqlite3 -bail "$db" <"$script" >/dev/null
end=$(date +%s.%N)
awk -v rows="$rows" -v s="$start" -v e="$end" 'BEGIN {
  printf "sqlite3 .import, same files and schema (peer: no validation, conversion or audit): %d rows in %.1f s, %.0f rows/s\n", rows, e - s, rows / (e - s) }'
rm -f "$db" "$db-wal" "$db-shm" "$script"
