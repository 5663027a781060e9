#!/usr/bin/env bash
# Drives the built qingfeng binary as a user would, asserting exit statuses (spec/cli.md: 0 ok,
# 1 data refused, 2 usage) and the key lines of the output. Usage: cli_test.sh PATH/TO/qingfeng
set -uo pipefail
qf=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passes=0

expect_status() {  # expect_status WANT DESCRIPTION -- command...
  local want=$1 what=$2
  shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: $what: exit $got, expected $want"; cat "$work/out" "$work/err"; failures=$((failures + 1))
  else
    passes=$((passes + 1))
  fi
}
expect_output() {  # expect_output FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then passes=$((passes + 1)); else
    echo "FAIL: $3: '$2' not in output"; cat "$1"; failures=$((failures + 1)); fi
}

# qingfeng id: decoded fields of a valid number; the Excel explanation and exit 1 for a mangled one.
expect_status 0 "id valid" -- "$qf" id 11010519491231002X
expect_output "$work/out" "出生日期：1949-12-31" "id prints the birth date"
expect_output "$work/out" "性别：女" "id prints the sex"
expect_output "$work/out" "行政区划：110105" "id prints the region"
expect_status 1 "id Excel-mangled" -- "$qf" id 1.10101E+17
expect_output "$work/err" "Excel" "id explains the Excel problem"
expect_status 1 "id bad check digit" -- "$qf" id 110105194912310021
expect_output "$work/err" "校验码" "id names the check digit"

# Usage errors are 2; --help is 0.
expect_status 2 "unknown command" -- "$qf" frobnicate
expect_status 2 "missing argument" -- "$qf" id
expect_status 0 "help" -- "$qf" --help
expect_status 0 "help of a command" -- "$qf" check --help

# --taxonomy: another file of domains and campaigns; a broken one is a usage error naming it.
printf '[[domains]]\nname = "民生"\n[[campaigns]]\ncode = "ZX-A"\nname = "甲"\ndomain = "无此领域"\n' >"$work/bad.toml"
expect_status 2 "taxonomy broken" -- "$qf" --taxonomy "$work/bad.toml" id 11010519491231002X
expect_output "$work/err" "bad.toml" "taxonomy error names the file"
expect_status 2 "taxonomy missing" -- "$qf" --taxonomy "$work/none.toml" id 11010519491231002X
expect_status 0 "taxonomy shipped" -- "$qf" --taxonomy config/taxonomy.toml id 11010519491231002X

# init is safe to run again.
db="sqlite:$work/var/q.db"
expect_status 0 "init" -- "$qf" --db "$db" init
expect_status 0 "init again" -- "$qf" --db "$db" init
expect_output "$work/out" "数据库已就绪" "init reports the store"
QINGFENG_DB="$db" expect_status 0 "init via QINGFENG_DB" -- "$qf" init

# The demo pipeline without the server: synth, init, import, check, export.
expect_status 0 "demo --no-serve" -- "$qf" --db "$db" demo --persons 2000 --data-dir "$work/demo" --no-serve
[ -s "$work/demo/findings.csv" ] && passes=$((passes + 1)) || { echo "FAIL: demo wrote no findings"; failures=$((failures + 1)); }
expect_output "$work/demo/findings.csv" "rule,id_number,program_code,period,account_no,ref,severity,amount,evidence" "findings export header"
expect_status 0 "findings export" -- "$qf" --db "$db" findings export --out "$work/current.csv"
cmp -s "$work/demo/findings.csv" "$work/current.csv" && passes=$((passes + 1)) ||
  { echo "FAIL: findings export differs from the check's export"; failures=$((failures + 1)); }
expect_status 2 "check unknown rule" -- "$qf" --db "$db" check --rules R99
expect_status 2 "check bad as-of" -- "$qf" --db "$db" check --as-of 2025-13-01

# synth at a real district's density prints its payments per person and year; a bad density is
# a usage error.
expect_status 0 "synth --density real" -- "$qf" synth --persons 600 --seed 3 --density real --out "$work/dense"
expect_output "$work/out" "发放明细每人每年" "synth prints the ledger's density"
expect_output "$work/dense/programs.csv" "RS03" "a dense district has the pension's other parts"
expect_status 2 "synth bad density" -- "$qf" synth --persons 600 --density dense --out "$work/dense2"

# A refused import exits 1 and names file, line and column.
mkdir -p "$work/bad"
printf 'id_number,name,death_date,source\n110105194912310021,张三,2024-01-05,火化\n' >"$work/bad/deaths.csv"
expect_status 1 "import refuses an invalid registry ID" -- "$qf" --db "$db" import "$work/bad"
expect_output "$work/err" "deaths.csv" "rejection names the file"
expect_output "$work/err" "2" "rejection names the line"

# Screening a batch: the demo's own payments screened again (their ids replace the stored rows,
# so the findings they prove come back); a decision per row, and the findings they take part in.
expect_status 0 "screen a batch" -- "$qf" --db "$db" screen "$work/demo/district/payments.csv" --out "$work/decisions.csv" --findings "$work/screen-findings.csv"
expect_output "$work/decisions.csv" "payment_id,decision,rules,evidence" "decision file header"
expect_output "$work/decisions.csv" ",暂停,R" "some payments are held with their rules"
expect_output "$work/decisions.csv" ",通过,," "most payments pass"
expect_output "$work/screen-findings.csv" "rule,id_number,program_code,period,account_no,ref,severity,amount,evidence" "screen findings header"
expect_output "$work/err" "暂停" "screen prints a summary"
printf 'payment_id,batch_no,program_code,id_number,name,account_no,amount,period,paid_date\nP1,B1,DB01,110105194912310029,张三,6222,abc,2024-03,2024-03-05\n' >"$work/bad-batch.csv"
expect_status 1 "screen refuses a batch with a bad row" -- "$qf" --db "$db" screen "$work/bad-batch.csv"
expect_output "$work/err" "第 2 行" "the refusal names the line"

# A full extract removes what it no longer holds.
mkdir -p "$work/extract"
head -n 2 "$work/demo/district/deaths.csv" >"$work/extract/deaths.csv"
expect_status 0 "import --replace" -- "$qf" --db "$db" import --replace "$work/extract/deaths.csv"
expect_output "$work/out" "删除交付中没有的" "import --replace reports the removed rows"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
