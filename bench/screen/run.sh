#!/usr/bin/env bash
# Screening benchmark (issue 17): on the imported district of the import benchmark, times a
# 100,000-row batch (the district's last 100,000 payments, as a payment office would send the
# month's file) screened against a resident snapshot as `serve` screens an upload
# (bench/screen/screen_bench: the snapshot loaded once, then three screenings), and
# `qingfeng screen`, which loads the snapshot itself, against their peer in the same run —
# importing that batch into a copy of the store and running `qingfeng check`, which is what
# screening answers without keeping anything (exactness is tests/integration/screening_test.cpp's
# job). Usage: bench/screen/run.sh BUILD_DIR
# QF_BENCH_PERSONS picks a smaller district; QF_BENCH_BATCH the batch size (default 100000).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/import/district.sh
bench_setup "${1:-build}"
if [ ! -f "$DISTRICT_DB.imported" ]; then
  echo "screen: no imported store; running the import benchmark first"
  bash bench/import/run.sh "${1:-build}"
fi
batch_rows=${QF_BENCH_BATCH:-100000}
batch="$BENCH_DATA/batch-$batch_rows.csv"
{ head -n 1 "$DISTRICT_DIR/payments.csv"; tail -n "$batch_rows" "$DISTRICT_DIR/payments.csv"; } >"$batch"
export QINGFENG_DB="sqlite:$DISTRICT_DB"
"$QF_BIN" init >/dev/null

bench_measure "$BENCH_DATA/screen-resident.log" -- "${1:-build}/bench/screen/screen_bench" \
  "sqlite:$DISTRICT_DB" "$batch" 3
sed 's/^/  | /' "$BENCH_DATA/screen-resident.log"
resident_seconds=$(grep -o 'screen run 3: [0-9.]*' "$BENCH_DATA/screen-resident.log" | cut -d' ' -f4)

for run in 1 2; do
  bench_measure "$BENCH_DATA/screen.log" -- "$QF_BIN" screen "$batch" \
    --out "$BENCH_DATA/decisions.csv" --findings "$BENCH_DATA/screen-findings.csv"
  echo "qingfeng screen run $run: $BENCH_SECONDS s, peak $BENCH_PEAK_MB MB (exit $BENCH_RC)"
done
screen_seconds=$BENCH_SECONDS
grep -v '^  R' "$BENCH_DATA/screen.log" | sed 's/^/  | /'

# The peer: import the batch into a copy of the store, then compare.
copy="$BENCH_DATA/screen-peer.db"
cp "$DISTRICT_DB" "$copy"
mkdir -p "$BENCH_DATA/screen-peer" && cp "$batch" "$BENCH_DATA/screen-peer/payments.csv"
bench_measure "$BENCH_DATA/screen-peer-import.log" -- "$QF_BIN" --db "sqlite:$copy" import \
  "$BENCH_DATA/screen-peer/payments.csv"
import_seconds=$BENCH_SECONDS
bench_measure "$BENCH_DATA/screen-peer-check.log" -- "$QF_BIN" --db "sqlite:$copy" check \
  --out "$BENCH_DATA/screen-peer-findings.csv"
check_seconds=$BENCH_SECONDS
rm -f "$copy" "$copy-wal" "$copy-shm"

echo "summary ($BENCH_PERSONS persons, batch $batch_rows rows, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "  screening against the resident snapshot (as serve does; third run): $resident_seconds s (aim: <= 1 s)"
echo "  qingfeng screen (loads the snapshot itself, then the same): $screen_seconds s"
echo "  peer: import the batch $import_seconds s + qingfeng check $check_seconds s"
