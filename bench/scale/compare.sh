#!/usr/bin/env bash
# The partitioned run beside the single-store run, on one district folder (sourced by run.sh and by
# tests/integration/partition_test.sh). Each step is timed with bench_measure and printed.
#
#   scale_compare QF_BIN DISTRICT_DIR WORK_DIR K [SPLIT_FLAG]   (--no-halo: no halo rows)
#
# Whole: init + import + check of the whole district into WORK/whole/q.db.
# Partitioned: partition.py split → K folders; init + import of each into WORK/part-P/q.db and its
# check with the whole district's as-of date, two partitions at a time (2 cores); partition.py merge
# of the owned findings → WORK/merged.csv, compared byte for byte with WORK/whole.csv.
# Partition checks use one engine thread each (two run at once), the whole check every core.
# Sets SCALE_IDENTICAL=yes|no and prints one line per step: step, seconds, peak MB.

scale_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$scale_here/../import/district.sh"

scale_step() {  # name log -- command...
  local name=$1 log=$2
  shift 2
  bench_measure "$log" "$@"
  printf '%-34s %9s s %7s MB\n' "$name" "$BENCH_SECONDS" "$BENCH_PEAK_MB"
  echo "$BENCH_SECONDS $BENCH_PEAK_MB" >"${log%.log}.time"
  if [ "$BENCH_RC" -ne 0 ]; then
    echo "scale: '$name' exited $BENCH_RC; see $log" >&2
    tail -5 "$log" >&2
    return 1
  fi
}

# init + import + check of one store; $4 = as-of date, $7 = engine threads (0 = every core).
scale_store() {
  local qf=$1 dir=$2 db=$3 as_of=$4 label=$5 work=$6 threads=$7
  rm -rf "$(dirname "$db")"
  mkdir -p "$(dirname "$db")"  # its own folder: the key file lives beside the store
  scale_step "$label init" "$work/$label-init.log" -- "$qf" --db "sqlite:$db" init || return 1
  scale_step "$label import" "$work/$label-import.log" -- \
    "$qf" --db "sqlite:$db" import "$dir" || return 1
  scale_step "$label check" "$work/$label-check.log" -- "$qf" --db "sqlite:$db" check \
    --as-of "$as_of" --threads "$threads" --out "$work/$label.csv" || return 1
}

scale_compare() {
  local qf=$1 district=$2 work=$3 k=$4 flags=("${@:5}")
  mkdir -p "$work"
  rm -rf "$work/parts"
  echo "== split into $k partitions"
  scale_step "split" "$work/split.log" -- \
    python3 "$scale_here/partition.py" split "${flags[@]}" --parts "$k" --out "$work/parts" "$district" || return 1
  cat "$work/split.log"
  local as_of
  as_of=$(cat "$work/parts/as_of.txt")
  echo "== partitions (as of $as_of), two at a time"
  local p pids=() start end
  start=$(date +%s.%N)
  for ((p = 0; p < k; p++)); do
    scale_store "$qf" "$work/parts/part-$p" "$work/part-$p/q.db" "$as_of" "part-$p" "$work" 1 \
      >"$work/part-$p.steps" &
    pids+=($!)
    if [ "${#pids[@]}" -eq 2 ]; then
      wait "${pids[0]}" || return 1
      pids=("${pids[1]}")
    fi
  done
  for p in "${pids[@]}"; do wait "$p" || return 1; done
  end=$(date +%s.%N)
  for ((p = 0; p < k; p++)); do cat "$work/part-$p.steps"; done
  SCALE_PARTS_WALL=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  echo "partitions import+check wall time (2 at a time): $SCALE_PARTS_WALL s"
  local files=()
  for ((p = 0; p < k; p++)); do files+=("$work/part-$p.csv"); done
  scale_step "merge" "$work/merge.log" -- \
    python3 "$scale_here/partition.py" merge --out "$work/merged.csv" "$work/parts" \
    "${files[@]}" || return 1
  echo "== whole district, one store"
  scale_store "$qf" "$district" "$work/whole/q.db" "$as_of" "whole" "$work" 0 || return 1
  scale_summary "$work" "$k"
  if cmp -s "$work/whole.csv" "$work/merged.csv"; then
    SCALE_IDENTICAL=yes
  else
    SCALE_IDENTICAL=no
  fi
  echo "findings: whole $(($(wc -l <"$work/whole.csv") - 1)), merged" \
    "$(($(wc -l <"$work/merged.csv") - 1)); byte-identical: $SCALE_IDENTICAL"
}

# The figures side by side, from the step lines: seconds of each step, the partitions' sums and
# their slowest, and the end-to-end times (split + partitions two at a time + merge vs import + check).
scale_summary() {
  local work=$1 k=$2
  cat "$work"/part-*.steps >"$work/steps.txt"
  awk -v k="$k" -v wall="$SCALE_PARTS_WALL" \
    -v split_s="$(scale_seconds "$work/split.time")" -v merge_s="$(scale_seconds "$work/merge.time")" \
    -v whole_import="$(scale_seconds "$work/whole-import.time")" \
    -v whole_check="$(scale_seconds "$work/whole-check.time")" \
    -v whole_import_mb="$(scale_peak "$work/whole-import.time")" \
    -v whole_check_mb="$(scale_peak "$work/whole-check.time")" '
    / import / { imp += $3; if ($3 > imax) imax = $3; if ($5 > imb) imb = $5 }
    / check / { chk += $3; if ($3 > cmax) cmax = $3; if ($5 > cmb) cmb = $5 }
    END {
      printf "== summary (seconds)\n"
      printf "%-44s %10s %14s\n", "", "one store", "K = " k " parts"
      printf "%-44s %10s %14.2f\n", "split", "-", split_s
      printf "%-44s %10.2f %14.2f\n", "import (parts: sum of K, slowest)", whole_import, imp
      printf "%-44s %10s %14.2f\n", "", "", imax
      printf "%-44s %10.2f %14.2f\n", "check (parts: sum of K, slowest)", whole_check, chk
      printf "%-44s %10s %14.2f\n", "", "", cmax
      printf "%-44s %10.2f %14.2f\n", "import + check (parts: wall, 2 at a time)", \
        whole_import + whole_check, wall
      printf "%-44s %10s %14.2f\n", "merge", "-", merge_s
      printf "%-44s %10.2f %14.2f\n", "end to end", whole_import + whole_check, \
        split_s + wall + merge_s
      printf "%-44s %10d %14d\n", "peak MB of an import (parts: largest)", whole_import_mb, imb
      printf "%-44s %10d %14d\n", "peak MB of a check (parts: largest)", whole_check_mb, cmb
    }' "$work/steps.txt"
}

scale_seconds() { cut -d' ' -f1 "$1" 2>/dev/null || echo 0; }
scale_peak() { cut -d' ' -f2 "$1" 2>/dev/null || echo 0; }
