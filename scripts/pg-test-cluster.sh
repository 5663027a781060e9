#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests and benchmarks (Debian's `postgresql` package).
#
#   scripts/pg-test-cluster.sh start [DIR]   # initdb under DIR (default build/pg), start it on a
#                                            # free loopback port, print its URL on stdout
#   scripts/pg-test-cluster.sh stop [DIR]    # stop it and delete DIR
#
# Trust authentication on 127.0.0.1 only; the unix socket lives in DIR/sock. PostgreSQL refuses to
# run as root, so as root the cluster belongs to the `postgres` system user (and lives under /tmp
# when that user cannot reach DIR). Durability is off
# (fsync, synchronous_commit): the data is thrown away anyway.
set -euo pipefail

action=${1:?usage: pg-test-cluster.sh start|stop [DIR]}
dir=${2:-build/pg}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

pg_bin=${PG_BIN:-}
if [ -z "$pg_bin" ]; then
  for candidate in /usr/lib/postgresql/*/bin; do
    if [ -x "$candidate/initdb" ]; then pg_bin=$candidate; fi
  done
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "pg-test-cluster: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Where the cluster lives: DIR itself, or (as root, when the `postgres` user cannot reach DIR,
# e.g. a checkout under /root) a directory under /tmp whose path DIR/location records.
cluster_root() {
  if [ -f "$dir/location" ]; then cat "$dir/location"; else echo "$dir"; fi
}

stop_cluster() {
  local root
  root=$(cluster_root)
  if [ -f "$root/data/postmaster.pid" ]; then
    as_owner "$pg_bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ "$root" != "$dir" ]; then rm -rf "$root"; fi
  rm -f "$dir/location"
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

case "$action" in
  start)
    stop_cluster  # a cluster left behind by a killed run
    rm -rf "$dir/data" "$dir/sock"
    root=$dir
    if [ "$(id -u)" = 0 ]; then
      chown postgres: "$dir"
      if ! runuser -u postgres -- test -x "$dir"; then
        root=$(mktemp -d /tmp/qf-pg.XXXXXX)
        echo "$root" >"$dir/location"
        chown postgres: "$root"
      fi
    fi
    mkdir -p "$root/data" "$root/sock"
    if [ "$(id -u)" = 0 ]; then chown -R postgres: "$root"; fi
    as_owner "$pg_bin/initdb" -D "$root/data" -U qingfeng -A trust -E UTF8 --locale=C --no-sync \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
      port=$((20000 + (RANDOM % 20000)))
      port_is_free "$port" || continue
      if as_owner "$pg_bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
          -o "-c listen_addresses=127.0.0.1 -p $port -k $root/sock -c fsync=off \
              -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
          start >/dev/null; then
        echo "$port" >"$dir/port"
        as_owner "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U qingfeng qingfeng_test
        echo "postgresql://qingfeng@127.0.0.1:$port/qingfeng_test"
        exit 0
      fi
      echo "pg-test-cluster: start on port $port failed (attempt $attempt), retrying" >&2
    done
    tail -20 "$root/server.log" >&2 || true
    exit 1
    ;;
  stop)
    stop_cluster
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-test-cluster.sh start|stop [DIR]" >&2
    exit 2
    ;;
esac
