#!/usr/bin/env bash
# HTTP load test of the public pages: wrk against the self-check (POST /m/check) and the
# disclosure pages (GET /m/p/<community>) of a synthetic district, rate limits off.
#
#   bash bench/http/run.sh [BUILD_DIR=build] [PERSONS=1000000] [DURATION=20s] [CONNECTIONS=64]
#
# QF_BENCH_HTTP_SERVE_ARGS adds options to `serve` (e.g. "--threads 8 --db-connections 8").
#
# The district is generated and loaded once per size under $QF_BENCH_HTTP_WORK (default
# $BUILD_DIR/bench-http/) and reused; a 1,000,000-person district takes ~10 minutes and ~1.8 GB.
# Prints requests/s and p99 latency per endpoint (issue 18's aim on 2 cores: self-check ≥ 10,000
# requests/s, disclosure ≥ 30,000, both p99 ≤ 20 ms, no errors), the server's CPU time, and the load average the figures were taken under: on a machine
# shared with other work the figures say more about the neighbours than about the server.
set -euo pipefail
build_dir=$(cd "${1:-build}" && pwd)
persons=${2:-1000000}
duration=${3:-20s}
connections=${4:-64}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin="$build_dir/qingfeng"
work="${QF_BENCH_HTTP_WORK:-$build_dir/bench-http}/$persons"
db="sqlite:$work/q.db"
mkdir -p "$work"

if [ ! -f "$work/ready" ]; then
  echo "bench/http: generating and loading a district of $persons persons (once)…" >&2
  rm -rf "$work/district" "$work/q.db"*
  "$bin" synth --persons "$persons" --out "$work/district" >/dev/null
  "$bin" --db "$db" init >/dev/null
  "$bin" --db "$db" import "$work/district" >/dev/null
  "$bin" --db "$db" check --out "$work/findings.csv" >/dev/null 2>&1
  touch "$work/ready"
fi

# (ID, name) pairs of people with payments: the self-check does its full work for them.
awk -F, 'NR > 1 && NR % 7 == 2 && n < 5000 {print $4 "," $5; n++}' "$work/district/payments.csv" \
  > "$work/ids.txt"

log="$work/serve.log"
"$bin" --db "$db" serve --listen 127.0.0.1:0 --check-limit-address 0 --check-limit-id 0 \
  --max-connections-per-client 1024 ${QF_BENCH_HTTP_SERVE_ARGS:-} \
  --no-access-log --web-root "$root/web" 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 600); do
  port=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/.*://') || true
  [ -n "$port" ] && break
  sleep 0.5
done
[ -n "$port" ] || { echo "bench/http: serve did not start" >&2; cat "$log" >&2; exit 1; }
base="http://127.0.0.1:$port"

# The CSRF cookie and its form token, as a browser would have them.
jar="$work/cookies.txt"
page=$(curl -s -c "$jar" "$base/m/check")
token=$(printf '%s' "$page" | grep -o 'name="_csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//')
cookie=$(awk '$6 == "qf_csrf" {print "qf_csrf=" $7}' "$jar")
curl -s "$base/m/" | grep -o '/m/p/c-[0-9a-f]*' | sort -u > "$work/places.txt"

echo "bench/http: $persons persons, $(wc -l < "$work/places.txt") communities, wrk -t2 -c$connections -d$duration"
echo "bench/http: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up: the first request per place builds its cached page (see docs/web.md, Performance).
QF_PLACES="$work/places.txt" wrk -t1 -c4 -d3s -s "$here/page.lua" "$base" >/dev/null
for target in check page; do
  if [ "$target" = check ]; then
    out=$(QF_IDS="$work/ids.txt" QF_COOKIE="$cookie" QF_TOKEN="$token" \
      wrk -t2 -c"$connections" -d"$duration" -s "$here/check.lua" "$base")
    name="POST /m/check (self-check)"
  else
    out=$(QF_PLACES="$work/places.txt" wrk -t2 -c"$connections" -d"$duration" -s "$here/page.lua" "$base")
    name="GET /m/p/<community> (disclosure)"
  fi
  result=$(printf '%s\n' "$out" | grep QF_RESULT | sed 's/QF_RESULT //')
  printf '%-38s %s\n' "$name" "$result"
done
cpu=$(awk '{print ($14 + $15) / 100}' "/proc/$server/stat")
echo "bench/http: server CPU time ${cpu}s in total; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
