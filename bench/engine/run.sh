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

findings="$BENCH_DATA/findings.csv"
for run in 1 2; do
  rm -f "$findings"
  bench_measure "$BENCH_DATA/check.log" -- "$QF_BIN" check --out "$findings"
  echo "qingfeng check run $run: $BENCH_SECONDS s, peak $BENCH_PEAK_MB MB (exit $BENCH_RC)"
done
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

# The check's own phase times (its line 用时：载入快照 x 秒，规则 y 秒，记录发现 z 秒).
phases=$(grep '^用时：载入快照' "$BENCH_DATA/check.log" | tail -1)
q_load=$(sed -n 's/.*载入快照 \([0-9.]*\) 秒.*/\1/p' <<<"$phases")
q_rules=$(sed -n 's/.*规则 \([0-9.]*\) 秒.*/\1/p' <<<"$phases")
q_record=$(sed -n 's/.*记录发现 \([0-9.]*\) 秒.*/\1/p' <<<"$phases")
echo "summary ($BENCH_PERSONS persons, density $BENCH_DENSITY, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '  %-44s %12s %12s\n' "" "qingfeng" "duckdb"
printf '  %-44s %12s %12s\n' "load (snapshot from the store / CSV files)" "${q_load:-?} s" "$duck_load s"
printf '  %-44s %12s %12s\n' "rules (qingfeng R01-R26 / duckdb R01-R16)" "${q_rules:-?} s" "$duck_rules s"
printf '  %-44s %12s %12s\n' "record findings (closed loop)" "${q_record:-?} s" "-"
awk -v q="$check_seconds" -v l="$duck_load" -v r="$duck_rules" 'BEGIN {
  printf "  %-44s %12s %12s\n", "whole (qingfeng check / duckdb load + rules)", q " s", sprintf("%.2f s", l + r) }'
printf '  %-44s %12s %12s\n' "peak memory" "$check_peak MB" "$BENCH_PEAK_MB MB"
awk -v d="$duck_rules" -v l="$duck_load" -v q="$check_seconds" 'BEGIN {
  if (q > 0) {
    printf "  ratio duckdb (load + rules) / qingfeng check: %.2f (aim: >= 3)\n", (l + d) / q
    printf "  ratio duckdb rules / qingfeng check: %.2f\n", d / q
  } }'
