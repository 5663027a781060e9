#!/usr/bin/env bash
# Engine benchmark: on the imported 1,000,000-person district, times `qingfeng check` (all rules,
# run twice, the second reported) and the same rules R01–R16 as SQL run by DuckDB
# (@duckdb/node-api) over the district's CSV files, with the peak memory of each; then compares
# the two result sets rule by rule. Usage: bench/engine/run.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/import/district.sh
bench_setup "${1:-build}"

# The imported store comes from the import benchmark (made here when missing); `qingfeng init`
# migrates it when the binary's schema moved on since.
if [ ! -f "$DISTRICT_DB.imported" ]; then
  echo "engine: no current imported store; running the import benchmark first"
  bash bench/import/run.sh "${1:-build}"
  if [ ! -f "$DISTRICT_DB.imported" ]; then
    echo "engine: the import failed; nothing to check" >&2
    exit 1
  fi
fi
export QINGFENG_DB="sqlite:$DISTRICT_DB"
"$QF_BIN" init >/dev/null

# Run 1 reads every table from the store (--from-store) and writes the snapshot file, as the
# first comparison after an import does; run 2 is every later comparison: the file is current.
findings="$BENCH_DATA/findings.csv"
rm -f "$findings"
bench_measure "$BENCH_DATA/check-store.log" -- "$QF_BIN" check --from-store --out "$findings"
echo "qingfeng check run 1 (from the store): $BENCH_SECONDS s, peak $BENCH_PEAK_MB MB (exit $BENCH_RC)"
store_seconds=$BENCH_SECONDS
store_peak=$BENCH_PEAK_MB
rm -f "$findings"
bench_measure "$BENCH_DATA/check.log" -- "$QF_BIN" check --out "$findings"
echo "qingfeng check run 2 (snapshot file): $BENCH_SECONDS s, peak $BENCH_PEAK_MB MB (exit $BENCH_RC)"
check_seconds=$BENCH_SECONDS
check_peak=$BENCH_PEAK_MB
if [ ! -s "$findings" ]; then
  echo "engine: qingfeng check wrote no findings export; see $BENCH_DATA/check.log" >&2
  tail -5 "$BENCH_DATA/check.log" >&2
fi
sed 's/^/  | /' "$BENCH_DATA/check.log"

if [ ! -d bench/engine/node_modules/@duckdb/node-api ]; then
  (cd bench/engine && npm ci --no-audit --no-fund --silent)
fi
duck_log="$BENCH_DATA/duckdb.log"
bench_measure "$duck_log" -- node bench/engine/duckdb_rules.mjs "$DISTRICT_DIR" "$findings" \
  "$BENCH_DATA/engine-diff.csv"
grep -v '_seconds=' "$duck_log" || true
if [ "$BENCH_RC" -ne 0 ]; then
  echo "engine: the DuckDB run failed (exit $BENCH_RC)" >&2
  exit 1
fi
duck_load=$(sed -n 's/^load_seconds=//p' "$duck_log")
duck_rules=$(sed -n 's/^rules_seconds=//p' "$duck_log")
duck_peak=$BENCH_PEAK_MB

# DuckDB's rules alone on its own database file that already holds the data (made once, untimed).
duck_file="$BENCH_DATA/district-$BENCH_PERSONS.duckdb"
if [ ! -f "$duck_file" ]; then
  node bench/engine/duckdb_rules.mjs --db="$duck_file" "$DISTRICT_DIR" >"$BENCH_DATA/duckdb-file-load.log" 2>&1
fi
bench_measure "$BENCH_DATA/duckdb-file.log" -- node bench/engine/duckdb_rules.mjs --db="$duck_file" "$DISTRICT_DIR"
duck_file_rules=$(sed -n 's/^rules_seconds=//p' "$BENCH_DATA/duckdb-file.log")

# The check's own phase times (its line 用时：载入快照 x 秒（…），规则 y 秒，记录发现 z 秒).
phase() { sed -n "s/.*$1 \([0-9.]*\) 秒.*/\1/p" <<<"$2"; }
store_phases=$(grep '^用时：载入快照' "$BENCH_DATA/check-store.log" | tail -1)
phases=$(grep '^用时：载入快照' "$BENCH_DATA/check.log" | tail -1)
echo "summary ($BENCH_PERSONS persons, density $BENCH_DENSITY, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
row() { printf '  %-46s %14s %14s %12s\n' "$@"; }
row "" "qingfeng" "qingfeng" "duckdb"
row "" "from store" "snapshot file" ""
row "load (store or snapshot file / CSV files)" "$(phase 载入快照 "$store_phases") s" "$(phase 载入快照 "$phases") s" "$duck_load s"
row "rules (qingfeng R01-R26 / duckdb R01-R16)" "$(phase 规则 "$store_phases") s" "$(phase 规则 "$phases") s" "$duck_rules s"
row "record findings (closed loop)" "$(phase 记录发现 "$store_phases") s" "$(phase 记录发现 "$phases") s" "-"
row "whole (check / duckdb load + rules)" "$store_seconds s" "$check_seconds s" "$(awk -v l="$duck_load" -v r="$duck_rules" 'BEGIN { printf "%.2f", l + r }') s"
row "peak memory" "$store_peak MB" "$check_peak MB" "$duck_peak MB"
row "duckdb rules alone on its database file" "" "" "$duck_file_rules s"
awk -v d="$duck_rules" -v l="$duck_load" -v q="$check_seconds" -v s="$store_seconds" -v f="$duck_file_rules" 'BEGIN {
  if (q > 0 && s > 0) {
    printf "  ratio duckdb (load + rules) / qingfeng check: %.2f with the snapshot file (aim: >= 3), %.2f from the store\n", (l + d) / q, (l + d) / s
    printf "  ratio duckdb rules alone on its file / qingfeng check: %.2f (aim: > 1)\n", f / q
  } }'
