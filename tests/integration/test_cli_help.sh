#!/usr/bin/env bash
# --help and -h of every command of both clients, as the built programs
# answer them: exit 0, the command's usage on stdout, nothing on stderr, and
# nothing touched (no store made, no server contacted, no file named
# "--help" opened), also when --help follows a subcommand or an option that
# takes a file.  The command lists printed by `PROGRAM --help` are checked
# against the commands expected, so a command added without help shows.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin cli_help

UNIT_COMMANDS="enroll add edit withdraw list show attach detach sync resolve quota ui"
ADMIN_COMMANDS="add-unit import-units enroll progress campaign target review report export audit credential attachment ui"

# No store exists and the server address leads nowhere: help needs neither.
export SANGKIEN_STORE="$T/no-such-dir/store.db"
export SANGKIEN_ADMIN_SERVER=127.0.0.1:9 SANGKIEN_ADMIN_CREDENTIAL=skc1_not_used
cd "$T"

# Command names listed by PROGRAM --help (lines "  NAME ...", not the
# further usage lines "  PROGRAM NAME ...").
listed() {
	"$1" --help | sed -n '/^Lệnh:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p' |
		grep -vx "$(basename "$1")" | tr '\n' ' ' | sed 's/ $//'
}
it_eq "$UNIT_COMMANDS" "$(listed "$SK_SANGKIEN")" "sangkien --help lists every command"
it_eq "$ADMIN_COMMANDS" "$(listed "$SK_ADMIN")" "sangkien-admin --help lists every command"
for prog in "$SK_SANGKIEN" "$SK_ADMIN"; do
	for flag in --help -h; do
		out=$("$prog" "$flag" 2>"$T/err") || it_fail "$prog $flag exited $?"
		it_contains "$out" "Cách dùng: $(basename "$prog")" "$prog $flag usage"
		it_contains "$out" "Mã thoát: 0 thành công" "$prog $flag explains exit statuses"
		it_eq "" "$(cat "$T/err")" "$prog $flag writes nothing on stderr"
	done
done

# expect_help PROGRAM NAME ARGS...: `PROGRAM ARGS` shows NAME's help.
expect_help() {
	local prog=$1 name=$2 out rc=0
	shift 2
	out=$("$prog" "$@" 2>"$T/err") || rc=$?
	it_eq 0 "$rc" "$(basename "$prog") $* exit status"
	it_contains "$(head -1 <<<"$out")" "Cách dùng: $(basename "$prog") $name" \
		"$(basename "$prog") $* starts with its usage"
	it_eq "" "$(cat "$T/err")" "$(basename "$prog") $* writes nothing on stderr"
}

for c in $UNIT_COMMANDS; do
	expect_help "$SK_SANGKIEN" "$c" "$c" --help
	expect_help "$SK_SANGKIEN" "$c" "$c" -h
done
expect_help "$SK_SANGKIEN" add add --from-file --help
expect_help "$SK_SANGKIEN" edit edit 12 --title "Tên mới" --help
expect_help "$SK_SANGKIEN" enroll enroll tls://127.0.0.1:9 ABCD-EFGH -h
expect_help "$SK_SANGKIEN" show --store "$T/other.db" show -h
expect_help "$SK_SANGKIEN" attach attach 3 "$T/tờ trình.pdf" --label "Tờ trình" --help
for c in $ADMIN_COMMANDS; do
	expect_help "$SK_ADMIN" "$c" "$c" --help
	expect_help "$SK_ADMIN" "$c" "$c" -h
done
expect_help "$SK_ADMIN" review review apply --help
expect_help "$SK_ADMIN" review review apply -h
expect_help "$SK_ADMIN" review review list --status submitted --help
expect_help "$SK_ADMIN" campaign campaign put --help
expect_help "$SK_ADMIN" target target import -h
expect_help "$SK_ADMIN" credential credential create --help
expect_help "$SK_ADMIN" import-units import-units --parent Q11 --help
expect_help "$SK_ADMIN" report --server 127.0.0.1:9 report --format html --help

# A command's help names what it is for, and its longer notes where it has
# them.
out=$("$SK_ADMIN" review --help)
it_contains "$out" "review apply TỆP.csv" "review help lists apply"
it_contains "$out" "thao_tac" "review help has its notes"
out=$("$SK_SANGKIEN" sync --help)
it_contains "$out" "--retries" "sync help lists its options"

# Commands whose options are declared in a table (command.h) list them in
# a "Tùy chọn:" section; every option of the usage line is there, and
# an option not declared is refused (exit 2) before anything is touched.
options_agree() { # PROGRAM COMMAND [SUBCOMMAND]
	local prog=$1 c=$2 sub=${3:-} out synopsis section o rc=0
	out=$("$prog" "$c" --help)
	section=$(sed -n '/^Tùy chọn:$/,/^$/p' <<<"$out")
	[ -n "$section" ] || it_fail "$(basename "$prog") $c --help has no option list: $out"
	synopsis=$(sed -n 's/^Cách dùng: //p' <<<"$out" | head -1)
	for o in $(grep -o -- '--[a-z][a-z-]*' <<<"$synopsis" | sort -u); do
		grep -q -- "^  $o\b" <<<"$section" ||
			it_fail "$(basename "$prog") $c: $o in the usage but not in the option list"
	done
	"$prog" "$c" $sub --no-such-option >/dev/null 2>"$T/err" || rc=$?
	it_eq 2 "$rc" "$(basename "$prog") $c --no-such-option exit status"
	it_contains "$(cat "$T/err")" "tùy chọn không hợp lệ '--no-such-option'" \
		"$(basename "$prog") $c names an unknown option"
}
# The commands declared so: each must keep its list (COMMAND/SUBCOMMAND:
# the unknown option is given to that subcommand).
UNIT_DECLARED="sync list quota ui enroll add edit withdraw resolve attach"
ADMIN_DECLARED="progress audit export enroll add-unit import-units campaign/put target/set"
ADMIN_DECLARED+=" target/import review/list review/start review/reward"
ADMIN_DECLARED+=" report credential/create credential/list ui"
for c in $UNIT_DECLARED; do options_agree "$SK_SANGKIEN" "$c"; done
for d in $ADMIN_DECLARED; do
	if [[ $d == */* ]]; then options_agree "$SK_ADMIN" "${d%/*}" "${d#*/}"; else options_agree "$SK_ADMIN" "$d"; fi
done
# A command declared without options shows no list, names no option in its
# usage and refuses any, as the others do.
options_none() { # PROGRAM COMMAND
	local prog=$1 c=$2 out rc=0
	out=$("$prog" "$c" --help)
	grep -qx "Tùy chọn:" <<<"$out" && it_fail "$(basename "$prog") $c lists options it has not"
	sed -n 's/^Cách dùng: //p' <<<"$out" | head -1 | grep -q -- ' --[a-z]' &&
		it_fail "$(basename "$prog") $c: an option in the usage of a command without any"
	"$prog" "$c" 1 --no-such-option >/dev/null 2>"$T/err" || rc=$?
	it_eq 2 "$rc" "$(basename "$prog") $c --no-such-option exit status"
	it_contains "$(cat "$T/err")" "tùy chọn không hợp lệ '--no-such-option'" \
		"$(basename "$prog") $c names an unknown option"
}
for c in show detach; do options_none "$SK_SANGKIEN" "$c"; done
# Every other command that has an option list keeps it in agreement too.
for c in $UNIT_COMMANDS; do
	[[ " $UNIT_DECLARED " == *" $c "* ]] && continue
	"$SK_SANGKIEN" "$c" --help | grep -qx "Tùy chọn:" && options_agree "$SK_SANGKIEN" "$c"
done
for c in $ADMIN_COMMANDS; do
	[[ " $ADMIN_DECLARED " == *" $c "* || " $ADMIN_DECLARED " == *" $c/"* ]] && continue
	"$SK_ADMIN" "$c" --help | grep -qx "Tùy chọn:" && options_agree "$SK_ADMIN" "$c"
done

# Nothing was touched: no store, no file named --help or -h.
[ ! -e "$T/no-such-dir" ] || it_fail "help created the store's directory"
[ ! -e "$T/other.db" ] || it_fail "help created a store"
[ ! -e "$T/--help" ] && [ ! -e "$T/-h" ] || it_fail "help wrote a file named after itself"

# After "--", --help is an argument again, not a request for help.
rc=0
"$SK_ADMIN" review apply -- --help >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -ne 0 ] || it_fail "review apply -- --help is not a request for help"
it_eq "" "$(cat "$T/out")" "review apply -- --help prints no help"

echo "cli_help: ok"
