# Shared by the benchmarks (sourced, not run): where the bench data lives, the cached synthetic
# district, and running a command under /usr/bin/time -v to get wall time and peak memory.
#
#   source bench/import/district.sh
#   bench_setup "$build_dir"        # sets QF_BIN, BENCH_DATA, DISTRICT_DIR, DISTRICT_DB
#   bench_ensure_district           # synth once; later runs reuse the cached folder
#   bench_measure log.txt -- "$QF_BIN" check   # sets BENCH_SECONDS, BENCH_PEAK_MB, BENCH_RC
#
# QF_BENCH_PERSONS (default 1000000) picks a smaller district for a quick trial run.
# QF_BENCH_DENSITY=real synthesises at a real district's density (`qingfeng synth --density real`,
# about 10 payments per person and year) into its own folder and database (district-1m-real).

bench_setup() {
  local build_dir=$1
  QF_BIN="$build_dir/qingfeng"
  if [ ! -x "$QF_BIN" ]; then
    echo "bench: $QF_BIN not found; build first (make build)" >&2
    exit 2
  fi
  if [ ! -x /usr/bin/time ]; then
    echo "bench: /usr/bin/time not found (Debian package 'time')" >&2
    exit 2
  fi
  BENCH_PERSONS=${QF_BENCH_PERSONS:-1000000}
  BENCH_DENSITY=${QF_BENCH_DENSITY:-default}
  case "$BENCH_DENSITY" in
    default | real) ;;
    *)
      echo "bench: QF_BENCH_DENSITY must be default or real, not '$BENCH_DENSITY'" >&2
      exit 2
      ;;
  esac
  local label=$BENCH_PERSONS
  if [ "$BENCH_PERSONS" = 1000000 ]; then label=1m; fi
  if [ "$BENCH_DENSITY" = real ]; then label=$label-real; fi
  BENCH_DATA="$build_dir/bench-data"
  DISTRICT_DIR="$BENCH_DATA/district-$label"
  DISTRICT_DB="$BENCH_DATA/district-$label.db"
  mkdir -p "$BENCH_DATA"
}

# Runs "$@" (after --) with stdout+stderr into $1; never fails the script on the command's exit.
bench_measure() {
  local log=$1
  shift 2
  local timing
  timing=$(mktemp)
  local start end
  start=$(date +%s.%N)
  set +e
  /usr/bin/time -v -o "$timing" "$@" >"$log" 2>&1
  BENCH_RC=$?
  set -e
  end=$(date +%s.%N)
  BENCH_SECONDS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  local kb
  kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timing")
  BENCH_PEAK_MB=$(awk -v k="${kb:-0}" 'BEGIN { printf "%.0f", k / 1024 }')
  rm -f "$timing"
}

# Synthesises the district once (seed 1) into $DISTRICT_DIR; prints how long it took, or took
# when it was made. Delete the folder (or build/bench-data) to make it again.
bench_ensure_district() {
  local stamp="$DISTRICT_DIR.synth-seconds"
  if [ -d "$DISTRICT_DIR" ] && [ -f "$stamp" ]; then
    echo "synth: cached $DISTRICT_DIR ($BENCH_PERSONS persons, density $BENCH_DENSITY;" \
      "took $(cat "$stamp") s when made)"
    return
  fi
  rm -rf "$DISTRICT_DIR" "$DISTRICT_DIR.tmp"
  local log="$BENCH_DATA/synth.log"
  bench_measure "$log" -- "$QF_BIN" synth --persons "$BENCH_PERSONS" --seed 1 \
    --density "$BENCH_DENSITY" --out "$DISTRICT_DIR.tmp"
  if [ "$BENCH_RC" -ne 0 ]; then
    echo "synth: failed (exit $BENCH_RC); see $log" >&2
    tail -5 "$log" >&2
    exit 1
  fi
  mv "$DISTRICT_DIR.tmp" "$DISTRICT_DIR"
  echo "$BENCH_SECONDS" >"$stamp"
  echo "synth: $BENCH_PERSONS persons (density $BENCH_DENSITY) in $BENCH_SECONDS s," \
    "peak $BENCH_PEAK_MB MB -> $DISTRICT_DIR"
}
