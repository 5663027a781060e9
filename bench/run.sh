#!/usr/bin/env bash
# Runs every benchmark under bench/ against the build in $1 and prints its figures.
set -euo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."
for script in bench/*/run.sh; do
  [ -f "$script" ] || continue
  echo "== $script"
  bash "$script" "$build_dir"
done
