#!/usr/bin/env bash
# Scale benchmark (issue 18, docs/scale.md): the district split into K partitions by home region
# (bench/scale/partition.py), each partition imported into its own SQLite store and checked — two
# at a time on this 2-core machine, one engine thread each — the owned findings merged, beside
# the single-store import + check of the whole district; whether the findings are byte-identical;
# the load average. Usage: bench/scale/run.sh BUILD_DIR [K]
# QF_BENCH_PERSONS picks the district size as for bench/import (default 1,000,000);
# QF_BENCH_DISTRICT_DIR uses an existing synth folder instead of the cached one (never written).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/scale/compare.sh
bench_setup "${1:-build}"
k=${2:-4}
if [ -n "${QF_BENCH_DISTRICT_DIR:-}" ]; then
  DISTRICT_DIR=$QF_BENCH_DISTRICT_DIR
  echo "district: $DISTRICT_DIR (given)"
else
  bench_ensure_district
fi
work="$BENCH_DATA/scale-$(basename "$DISTRICT_DIR")-k$k"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
scale_compare "$QF_BIN" "$DISTRICT_DIR" "$work" "$k"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "($BENCH_PERSONS persons, K = $k; $(nproc) cores; work folder $work)"
[ "$SCALE_IDENTICAL" = yes ]
