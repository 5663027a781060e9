#!/usr/bin/env bash
# Issue 12 point 2 for the qingfeng program: every command that changes the store or lets a
# document leave is a row of COMMANDS below and, run once on a temporary store, adds the audit
# entry its row names; the commands that change nothing audited are rows too, with the reason.
# A command the program lists in --help without a row fails the test, naming it. Then
# `audit verify` passes, `audit anchor` appends a line, and after the newest entries are deleted
# with raw SQL (the append-only triggers dropped first, as a forger with owner rights would)
# `audit verify` exits 1 naming the cut. Usage: cli_audit_test.sh PATH/TO/qingfeng
set -uo pipefail
qf=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passes=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { passes=$((passes + 1)); }

db_file="$work/var/q.db"
db="sqlite:$db_file"
# Reads the store with the sqlite3 shell, or Python's sqlite3 module when the shell is missing.
sql() {
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$db_file" "$1"
  else
    python3 -c 'import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join(map(str, row)))' \
      "$db_file" "$1"
  fi
}
last_seq() { sql "SELECT COALESCE(MAX(seq), 0) FROM audit_log"; }

# The table: command path | audit action it must add ("-": none, with the reason) | arguments.
# The arguments are eval'ed with $qf, $db and $work set.
COMMANDS=(
  "init|key.create|\$qf --db \$db init"
  "synth|-: writes a sample district's files, never the store|\$qf synth --persons 500 --seed 7 --out \$work/data"
  "import|data.import|\$qf --db \$db import \$work/data"
  "check|check.run|\$qf --db \$db check --out \$work/findings-check.csv"
  "screen|screen.run|\$qf --db \$db screen \$work/data/payments.csv --out \$work/decisions.csv --findings \$work/screen-findings.csv"
  "findings export|findings.export|\$qf --db \$db findings export --out \$work/findings.csv"
  "report|report.export|\$qf --db \$db report --period 2024 --format md --out \$work/report.md"
  "user add|user.create|printf 'password-of-xinren\n' | \$qf --db \$db user add xinren --role handler --id-number 11010519491231002X"
  "id|-: decodes an ID number, opens no store|\$qf id 11010519491231002X"
  "audit verify|-: reads the log|\$qf --db \$db audit verify"
  "audit anchor|-: appends to the anchor file outside the store|\$qf --db \$db audit anchor"
  "serve|-: the web server, held to its entries by web_audit_coverage_test|"
  "demo|-: synth + init + import + check + serve, each audited as above|"
)

# Every command the program lists (and the subcommands of findings, user, audit) has a row.
listed() {  # the Subcommands section of `qingfeng [CMD] --help`
  "$qf" "$@" --help | awk '/^Subcommands:/ {on = 1; next} on && NF {print $1}'
}
declare -A rows=()
for row in "${COMMANDS[@]}"; do rows["${row%%|*}"]=1; done
for cmd in $(listed); do
  subs=$(listed "$cmd")
  if [ -z "$subs" ]; then
    [ -n "${rows[$cmd]:-}" ] && pass || fail "command '$cmd' has no row in the audit table"
  else
    for sub in $subs; do
      [ -n "${rows[$cmd $sub]:-}" ] && pass || fail "command '$cmd $sub' has no row in the audit table"
    done
  fi
done

for row in "${COMMANDS[@]}"; do
  IFS='|' read -r cmd action command <<<"$row"
  [ -z "$command" ] && continue
  before=$(last_seq 2>/dev/null || echo 0)
  if ! eval "$command" >"$work/out" 2>"$work/err"; then
    fail "'$cmd' exited non-zero"; cat "$work/out" "$work/err"; continue
  fi
  after=$(last_seq 2>/dev/null || echo 0)
  if [ "${action:0:1}" = "-" ]; then
    [ "$after" = "$before" ] && pass || fail "'$cmd' changes nothing (${action:3}) yet wrote entries $before..$after"
    continue
  fi
  got=$(sql "SELECT action FROM audit_log WHERE seq > $before AND action = '$action'" | head -1)
  [ "$got" = "$action" ] && pass ||
    fail "'$cmd' added no $action entry (added: $(sql "SELECT group_concat(action) FROM audit_log WHERE seq > $before"))"
done

# What the entries hold: the import names each file's SHA-256 and its counts; the actor of a
# command is "cli" (or cli:<os user>); the exports name the file and its digest.
deaths_sha=$(sha256sum "$work/data/deaths.csv" | cut -d' ' -f1)
import_after=$(sql "SELECT after FROM audit_log WHERE action = 'data.import' AND after LIKE '%deaths.csv%'")
case "$import_after" in
  *"\"sha256\":\"$deaths_sha\""*) pass ;;
  *) fail "data.import entry lacks the file's sha256: $import_after" ;;
esac
case "$import_after" in
  *'"rows_read":'*'"rows_rejected":0'*) pass ;;
  *) fail "data.import entry lacks the counts: $import_after" ;;
esac
[ "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'data.import'")" -ge 5 ] && pass ||
  fail "one data.import entry per imported file"
case "$(sql "SELECT actor FROM audit_log WHERE action = 'check.run'")" in
  cli | cli:*) pass ;;
  *) fail "check.run actor is not the command line" ;;
esac
report_sha=$(sha256sum "$work/report.md" | cut -d' ' -f1)
case "$(sql "SELECT after FROM audit_log WHERE action = 'report.export'")" in
  *"$report_sha"*) pass ;;
  *) fail "report.export entry lacks the report's sha256" ;;
esac
case "$(sql "SELECT after FROM audit_log WHERE action = 'user.create'")" in
  *password-of-xinren*) fail "user.create entry holds the password" ;;
  *) pass ;;
esac

# The chain verifies; an anchor is one more line outside the store.
anchors="$work/var/qingfeng.anchors"
lines_before=$(wc -l <"$anchors" 2>/dev/null || echo 0)
"$qf" --db "$db" audit anchor >/dev/null 2>&1 && pass || fail "audit anchor"
[ "$(wc -l <"$anchors")" -eq $((lines_before + 1)) ] && pass || fail "audit anchor appended no line"
"$qf" --db "$db" audit verify >"$work/out" 2>&1 && pass || { fail "audit verify of an intact log"; cat "$work/out"; }

# A forger deletes the newest entries (below the anchor): verify exits 1 and names the cut.
newest=$(last_seq)
sql "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;
     DELETE FROM audit_log WHERE seq > $((newest - 2));" >/dev/null
"$qf" --db "$db" audit verify >"$work/out" 2>&1
status=$?
[ "$status" -eq 1 ] && pass || { fail "audit verify after a cut tail exited $status, not 1"; cat "$work/out"; }
grep -qF -- "$newest" "$work/out" && pass || { fail "audit verify does not name entry $newest"; cat "$work/out"; }

echo "cli_audit_test: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
