#!/usr/bin/env bash
# Pre-check figures on a synthetic district: synth N persons (default 100,000), init, import, then
# precheck_bench over 200 applicants. Usage: bench/approval/run.sh [build dir] [persons]
set -euo pipefail
build_dir=$(cd "${1:-build}" && pwd)
persons=${2:-100000}
work=$(mktemp -d "${TMPDIR:-/tmp}/qf-precheck-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
db="sqlite:$work/q.db"
"$build_dir/qingfeng" synth --persons "$persons" --out "$work/district" >/dev/null
"$build_dir/qingfeng" --db "$db" init >/dev/null
"$build_dir/qingfeng" --db "$db" import "$work/district" >/dev/null
"$build_dir/bench/approval/precheck_bench" "$db" 200
