#!/usr/bin/env bash
# Runs every test suite against the build in $1 (default: build). Called by `make test`.
set -euo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."
# Every temporary file of the tests goes under one directory, removed on any exit: a test that
# forgets its files cannot fill the machine's /tmp run after run.
tests_tmp="$PWD/$build_dir/tmp"
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then bash scripts/pg-test-cluster.sh stop "$pg_dir"; fi
  rm -rf "$tests_tmp"
}
trap cleanup EXIT
# A throw-away PostgreSQL server for the suites that also run against PostgreSQL; stopped on any
# exit, failed tests included. An existing server can be used instead by setting QF_TEST_PG_URL.
if [ -z "${QF_TEST_PG_URL:-}" ]; then
  pg_dir="$build_dir/pg"
  QF_TEST_PG_URL=$(bash scripts/pg-test-cluster.sh start "$pg_dir")
  export QF_TEST_PG_URL
fi
rm -rf "$tests_tmp" && mkdir -p "$tests_tmp"
export TMPDIR="$tests_tmp"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
# End-to-end: the web UI in headless Chromium against the freshly built binary (QF_SKIP_E2E=1 skips).
if [ "${QF_SKIP_E2E:-0}" != 1 ]; then
  bash tests/e2e/run.sh "$build_dir"
  # The work report of a demo district rendered in Chromium (build/screenshots/report*.png, .pdf);
  # uses the playwright-core that tests/e2e installed.
  node tests/report/screenshot.mjs "$build_dir"
fi
