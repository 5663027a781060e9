#!/usr/bin/env bash
# SQLite against PostgreSQL: the same synthetic district (PERSONS persons, default 1,000,000)
# imported and checked on both backends with the qingfeng binary; prints seconds and peak memory
# per step and whether the two findings exports are byte-identical. The PostgreSQL server is a
# throw-away cluster (scripts/pg-test-cluster.sh) under BUILD_DIR/pg-bench, stopped on exit.
# Usage: [PERSONS=20000] bench/pg/run.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${1:-build}
export QF_BENCH_PERSONS=${PERSONS:-${QF_BENCH_PERSONS:-1000000}}
source bench/import/district.sh
bench_setup "$build_dir"
bench_ensure_district

pg_dir="$build_dir/pg-bench"
trap 'bash scripts/pg-test-cluster.sh stop "$pg_dir"' EXIT
pg_url=$(bash scripts/pg-test-cluster.sh start "$pg_dir")
out="$BENCH_DATA/pg-compare"
rm -rf "$out"
mkdir -p "$out"

printf '%-11s %-7s %10s %10s\n' backend step seconds peak_MB
run_backend() {
  local name=$1 url=$2
  for step in init import check export; do
    local -a args
    case $step in
      init) args=(init) ;;
      import) args=(import "$DISTRICT_DIR") ;;
      check) args=(check --out "$out/$name-check.csv") ;;
      export) args=(findings export --out "$out/$name-findings.csv") ;;
    esac
    bench_measure "$out/$name-$step.log" -- "$QF_BIN" --db "$url" "${args[@]}"
    printf '%-11s %-7s %10s %10s\n' "$name" "$step" "$BENCH_SECONDS" "$BENCH_PEAK_MB"
    # check exits non-zero when it finds something; any other step must succeed.
    if [ "$BENCH_RC" -ne 0 ] && [ "$step" != check ]; then
      echo "$name $step failed (exit $BENCH_RC); see $out/$name-$step.log" >&2
      tail -5 "$out/$name-$step.log" >&2
      return 1
    fi
  done
}
run_backend sqlite "sqlite:$out/district.db"
run_backend postgresql "$pg_url"

rows=$(($(wc -l <"$out/sqlite-findings.csv") - 1))
if cmp -s "$out/sqlite-findings.csv" "$out/postgresql-findings.csv"; then
  echo "findings exports: byte-identical ($rows findings)"
else
  echo "findings exports: DIFFER ($out/sqlite-findings.csv vs $out/postgresql-findings.csv)"
  exit 1
fi
echo "($QF_BENCH_PERSONS persons; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
