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
		it_eq "" "$(<"$T/err")" "$prog $flag writes nothing on stderr"
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
	it_eq "" "$(<"$T/err")" "$(basename "$prog") $* writes nothing on stderr"
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

# One help path for both programs (command_help over the command table):
# `PROGRAM CMD --help` is the usage and summary `PROGRAM --help` lists for
# CMD (both printed from the same entry), a blank line, its options, its
# notes, and the line pointing to the global options.
# entry PROGRAM CMD: CMD's lines in the command list, leading spaces cut.
declare -A LISTS
LISTS[$SK_SANGKIEN]=$("$SK_SANGKIEN" --help | sed -n '/^Lệnh:/,/^$/p')
LISTS[$SK_ADMIN]=$("$SK_ADMIN" --help | sed -n '/^Lệnh:/,/^$/p')
entry() {
	awk -v c="$2" '/^  [a-z]/ { on = ($1 == c) } on { sub(/^ +/, ""); print }' <<<"${LISTS[$1]}"
}
same_path() { # PROGRAM CMD
	local prog=$1 c=$2 name out usage listed last n
	name=$(basename "$prog")
	out=$("$prog" "$c" --help)
	listed=$(entry "$prog" "$c")
	[ -n "$listed" ] || it_fail "$name --help does not list $c"
	# The usage block: the lines before the first blank one.
	usage=$(sed '/^$/q' <<<"$out" | sed '/^$/d' | sed "1s/^Cách dùng: $name //; s/^ *//")
	n=$(wc -l <<<"$usage")
	it_eq "" "$(sed -n "$((n + 1))p" <<<"$out")" "$name $c --help: a blank line after the usage"
	it_eq "$listed" "$usage
$(sed -n "$((n + 2))p" <<<"$out" | sed 's/\.$//')" "$name $c --help: usage and summary as the list has them"
	last=$(tail -n 1 <<<"$out")
	it_eq "Tùy chọn chung và mã thoát: \`$name --help\`." "$last" "$name $c --help: its last line"
}
for c in $UNIT_COMMANDS; do same_path "$SK_SANGKIEN" "$c"; done
for c in $ADMIN_COMMANDS; do same_path "$SK_ADMIN" "$c"; done

# Commands whose options are declared in a table (command.h) list them in
# a "Tùy chọn:" section; every option of the usage lines is there, each
# option listed is one the parser knows (with a value when the list shows
# one, without when it shows none, and its short form where it has one),
# and an option not declared is refused (exit 2) before anything is touched.
OPTION_LINE='^  (-([a-zA-Z]), |    )?--([a-z][a-z-]*)( ("[^"]*"|[^ ]+))?  '
options_agree() { # PROGRAM COMMAND [SUBCOMMAND]
	local prog=$1 c=$2 sub=${3:-} name out synopsis section o line long short arg err rc=0
	name=$(basename "$prog")
	out=$("$prog" "$c" --help)
	section=$(sed -n '/^Tùy chọn:$/,/^$/p' <<<"$out" | sed '1d;/^$/d')
	[ -n "$section" ] || it_fail "$name $c --help has no option list: $out"
	synopsis=$(sed '/^$/q' <<<"$out")
	for o in $(grep -oE -- '(^|[ [|])--?[a-z][a-z-]*' <<<"$synopsis" | sed 's/^[ [|]//' | sort -u); do
		grep -qE -- "^  (-[a-zA-Z], |    )?$o( |$)|^  $o, " <<<"$section" ||
			it_fail "$name $c: $o in the usage but not in the option list"
	done
	while IFS= read -r line; do
		# "  -o, --output ĐƯỜNG-DẪN  help", "      --format X  help", "  --all  help"
		[[ $line =~ $OPTION_LINE ]] ||
			it_fail "$name $c: option line not as command_help prints it: '$line'"
		short=${BASH_REMATCH[2]} long=${BASH_REMATCH[3]} arg=${BASH_REMATCH[5]}
		rc=0
		if [ -n "$arg" ]; then
			"$prog" "$c" $sub "--$long" >/dev/null 2>"$T/err" || rc=$?
			err=$(<"$T/err")
			it_eq 2 "$rc" "$name $c --$long (no value) exit status"
			it_contains "$err" "tùy chọn --$long cần một giá trị" "$name $c --$long takes a value"
			if [ -n "$short" ]; then
				"$prog" "$c" $sub "-$short" >/dev/null 2>"$T/err" || rc=$?
				it_contains "$(<"$T/err")" "tùy chọn -$short cần một giá trị" \
					"$name $c -$short is --$long's short form"
			fi
		else
			"$prog" "$c" $sub "--$long=x" >/dev/null 2>"$T/err" || rc=$?
			it_eq 2 "$rc" "$name $c --$long=x exit status"
			it_contains "$(<"$T/err")" "tùy chọn --$long không nhận giá trị" \
				"$name $c --$long is a flag"
			if [ -n "$short" ]; then
				rc=0
				"$prog" "$c" $sub "-$short" --no-such-option >/dev/null 2>"$T/err" || rc=$?
				[[ $(<"$T/err") != *"không hợp lệ '-$short'"* ]] ||
					it_fail "$name $c: -$short listed but not parsed"
			fi
		fi
	done <<<"$section"
	rc=0
	"$prog" "$c" $sub --no-such-option >/dev/null 2>"$T/err" || rc=$?
	it_eq 2 "$rc" "$name $c --no-such-option exit status"
	it_contains "$(<"$T/err")" "tùy chọn không hợp lệ '--no-such-option'" \
		"$name $c names an unknown option"
}
# The commands declared so: each must keep its list (COMMAND/SUBCOMMAND:
# the unknown option is given to that subcommand).
UNIT_DECLARED="sync list quota ui enroll add edit withdraw resolve attach"
ADMIN_DECLARED="progress audit export enroll add-unit import-units campaign/put target/set"
ADMIN_DECLARED+=" target/import review/list review/start review/reward"
ADMIN_DECLARED+=" report credential/create credential/list ui attachment/list attachment/get"
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
	it_contains "$(<"$T/err")" "tùy chọn không hợp lệ '--no-such-option'" \
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
