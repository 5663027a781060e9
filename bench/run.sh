#!/usr/bin/env bash
# Runs every benchmark under bench/ against the build in $1 and prints its figures. Import runs
# first because the engine benchmark checks the store it leaves; a failing benchmark does not stop
# the others, but makes the whole run fail.
set -uo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."
status=0
ordered=(bench/import/run.sh bench/engine/run.sh)
for script in bench/*/run.sh; do
  [[ " ${ordered[*]} " == *" $script "* ]] || ordered+=("$script")
done
for script in "${ordered[@]}"; do
  [ -f "$script" ] || continue
  echo "== $script"
  bash "$script" "$build_dir" || { echo "!! $script failed (exit $?)"; status=1; }
done
exit $status
