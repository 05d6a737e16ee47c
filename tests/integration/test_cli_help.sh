#!/usr/bin/env bash
# --help and -h of every command of both clients, as the built programs
# answer them: exit 0, the command's usage on stdout, nothing on stderr, and
# nothing touched (no store made, no server contacted, no file named
# "--help" opened), also when --help follows a subcommand or an option that
# takes a file.  The command lists printed by `PROGRAM --help` are checked
# against the commands expected, so a command added without help shows.
# Each help is asked for once and read with shell builtins: the programs
# run only where a check needs them to (a few hundred runs, no helpers).
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin cli_help --no-db

UNIT_COMMANDS="enroll add edit withdraw list show attach detach sync resolve quota ui"
ADMIN_COMMANDS="add-unit import-units enroll progress campaign target review report export audit credential attachment ui"

# No store exists and the server address leads nowhere: help needs neither.
export SANGKIEN_STORE="$T/no-such-dir/store.db"
export SANGKIEN_ADMIN_SERVER=127.0.0.1:9 SANGKIEN_ADMIN_CREDENTIAL=skc1_not_used
cd "$T"

# has HAYSTACK NEEDLE WHAT: it_contains without starting grep.
has() { [[ $1 == *"$2"* ]] || it_fail "$3: '$2' not found in: $1"; }
# no_stderr WHAT: the last run wrote nothing on $T/err.
no_stderr() {
	local err=
	[ -s "$T/err" ] || return 0
	IFS= read -r -d '' err <"$T/err" || true
	it_fail "$1 writes nothing on stderr: expected '', got '$err'"
}
# stderr_of: what the last run wrote on $T/err, in ERR.
stderr_of() {
	ERR=
	IFS= read -r -d '' ERR <"$T/err" || true
}
# block TEXT HEADING: the lines after the line HEADING up to the first blank
# one, in the array BLOCK.
block() {
	local line on=0
	BLOCK=()
	while IFS= read -r line; do
		if ((on)); then
			[ -n "$line" ] || break
			BLOCK+=("$line")
		elif [ "$line" = "$2" ]; then
			on=1
		fi
	done <<<"$1"
}
# has_line TEXT LINE: whether TEXT has LINE as one of its lines.
has_line() { [[ $'\n'$1$'\n' == *$'\n'"$2"$'\n'* ]]; }

declare -A MAIN HELP # PROGRAM --help; "PROGRAM CMD" --help
for prog in "$SK_SANGKIEN" "$SK_ADMIN"; do
	for flag in --help -h; do
		out=$("$prog" "$flag" 2>"$T/err") || it_fail "$prog $flag exited $?"
		has "$out" "Cách dùng: ${prog##*/}" "$prog $flag usage"
		has "$out" "Mã thoát: 0 thành công" "$prog $flag explains exit statuses"
		no_stderr "$prog $flag"
		[ "$flag" = -h ] || MAIN[$prog]=$out
	done
done

# Command names listed by PROGRAM --help (lines "  NAME ...", not the
# further usage lines "  PROGRAM NAME ..."), in LISTED.
listed() {
	local line re='^  ([a-z][a-z-]*)'
	LISTED=
	block "${MAIN[$1]}" "Lệnh:"
	for line in "${BLOCK[@]}"; do
		[[ $line =~ $re ]] && [ "${BASH_REMATCH[1]}" != "${1##*/}" ] &&
			LISTED+=${LISTED:+ }${BASH_REMATCH[1]}
	done
	return 0
}
listed "$SK_SANGKIEN"
it_eq "$UNIT_COMMANDS" "$LISTED" "sangkien --help lists every command"
listed "$SK_ADMIN"
it_eq "$ADMIN_COMMANDS" "$LISTED" "sangkien-admin --help lists every command"

# expect_help PROGRAM NAME ARGS...: `PROGRAM ARGS` shows NAME's help (in
# OUT).
expect_help() {
	local prog=$1 name=$2 rc=0
	shift 2
	OUT=$("$prog" "$@" 2>"$T/err") || rc=$?
	it_eq 0 "$rc" "${prog##*/} $* exit status"
	has "${OUT%%$'\n'*}" "Cách dùng: ${prog##*/} $name" "${prog##*/} $* starts with its usage"
	no_stderr "${prog##*/} $*"
}

for c in $UNIT_COMMANDS; do
	expect_help "$SK_SANGKIEN" "$c" "$c" --help
	HELP[$SK_SANGKIEN $c]=$OUT
	expect_help "$SK_SANGKIEN" "$c" "$c" -h
done
expect_help "$SK_SANGKIEN" add add --from-file --help
expect_help "$SK_SANGKIEN" edit edit 12 --title "Tên mới" --help
expect_help "$SK_SANGKIEN" enroll enroll tls://127.0.0.1:9 ABCD-EFGH -h
expect_help "$SK_SANGKIEN" show --store "$T/other.db" show -h
expect_help "$SK_SANGKIEN" attach attach 3 "$T/tờ trình.pdf" --label "Tờ trình" --help
for c in $ADMIN_COMMANDS; do
	expect_help "$SK_ADMIN" "$c" "$c" --help
	HELP[$SK_ADMIN $c]=$OUT
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
out=${HELP[$SK_ADMIN review]}
has "$out" "review apply TỆP.csv" "review help lists apply"
has "$out" "thao_tac" "review help has its notes"
has "${HELP[$SK_SANGKIEN sync]}" "--retries" "sync help lists its options"

# One help path for both programs (command_help over the command table):
# `PROGRAM CMD --help` is the usage and summary `PROGRAM --help` lists for
# CMD (both printed from the same entry), a blank line, its options, its
# notes, and the line pointing to the global options.
# entry PROGRAM CMD: CMD's lines in the command list, leading spaces cut,
# in ENTRY.
entry() {
	local line on=0
	ENTRY=
	block "${MAIN[$1]}" "Lệnh:"
	for line in "${BLOCK[@]}"; do
		if [[ $line == "  "[a-z]* ]]; then
			line=${line#  }
			[ "${line%% *}" = "$2" ] && on=1 || on=0
		fi
		((on)) && ENTRY+=${ENTRY:+$'\n'}${line#"${line%%[! ]*}"}
	done
	return 0
}
same_path() { # PROGRAM CMD
	local prog=$1 c=$2 name out usage= line n=0 lines
	name=${prog##*/}
	out=${HELP[$prog $c]}
	entry "$prog" "$c"
	[ -n "$ENTRY" ] || it_fail "$name --help does not list $c"
	# The usage block: the lines before the first blank one.
	mapfile -t lines <<<"$out"
	while [ -n "${lines[n]:-}" ]; do
		line=${lines[n]}
		((n > 0)) || line=${line#"Cách dùng: $name "}
		usage+=${usage:+$'\n'}${line#"${line%%[! ]*}"}
		n=$((n + 1))
	done
	it_eq "" "${lines[n]:-}" "$name $c --help: a blank line after the usage"
	line=${lines[n + 1]:-}
	it_eq "$ENTRY" "$usage"$'\n'"${line%.}" \
		"$name $c --help: usage and summary as the list has them"
	it_eq "Tùy chọn chung và mã thoát: \`$name --help\`." "${lines[${#lines[@]} - 1]}" \
		"$name $c --help: its last line"
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
	local prog=$1 c=$2 sub=${3:-} name out synopsis= o line long short arg rc=0 found
	local re='[[ |](--?[a-z][a-z-]*)(.*)' lines n=0
	local -A seen=()
	name=${prog##*/}
	out=${HELP[$prog $c]}
	block "$out" "Tùy chọn:"
	((${#BLOCK[@]} > 0)) || it_fail "$name $c --help has no option list: $out"
	mapfile -t lines <<<"$out"
	while [ -n "${lines[n]:-}" ]; do
		synopsis+=" ${lines[n]}"
		n=$((n + 1))
	done
	# Each option of the usage, as in `grep -oE '(^|[ [|])--?[a-z][a-z-]*'`.
	while [[ $synopsis =~ $re ]]; do
		o=${BASH_REMATCH[1]} synopsis=${BASH_REMATCH[2]}
		[ -z "${seen[$o]:-}" ] || continue
		seen[$o]=1 found=0
		for line in "${BLOCK[@]}"; do
			[[ $line =~ ^\ \ (-[a-zA-Z],\ |\ \ \ \ )?$o(\ |$) || $line == "  $o, "* ]] &&
				found=1 && break
		done
		((found)) || it_fail "$name $c: $o in the usage but not in the option list"
	done
	for line in "${BLOCK[@]}"; do
		# "  -o, --output ĐƯỜNG-DẪN  help", "      --format X  help", "  --all  help"
		[[ $line =~ $OPTION_LINE ]] ||
			it_fail "$name $c: option line not as command_help prints it: '$line'"
		short=${BASH_REMATCH[2]} long=${BASH_REMATCH[3]} arg=${BASH_REMATCH[5]}
		rc=0
		if [ -n "$arg" ]; then
			"$prog" "$c" $sub "--$long" >/dev/null 2>"$T/err" || rc=$?
			stderr_of
			it_eq 2 "$rc" "$name $c --$long (no value) exit status"
			has "$ERR" "tùy chọn --$long cần một giá trị" "$name $c --$long takes a value"
			if [ -n "$short" ]; then
				"$prog" "$c" $sub "-$short" >/dev/null 2>"$T/err" || rc=$?
				stderr_of
				has "$ERR" "tùy chọn -$short cần một giá trị" \
					"$name $c -$short is --$long's short form"
			fi
		else
			"$prog" "$c" $sub "--$long=x" >/dev/null 2>"$T/err" || rc=$?
			stderr_of
			it_eq 2 "$rc" "$name $c --$long=x exit status"
			has "$ERR" "tùy chọn --$long không nhận giá trị" "$name $c --$long is a flag"
			if [ -n "$short" ]; then
				rc=0
				"$prog" "$c" $sub "-$short" --no-such-option >/dev/null 2>"$T/err" || rc=$?
				stderr_of
				[[ $ERR != *"không hợp lệ '-$short'"* ]] ||
					it_fail "$name $c: -$short listed but not parsed"
			fi
		fi
	done
	rc=0
	"$prog" "$c" $sub --no-such-option >/dev/null 2>"$T/err" || rc=$?
	stderr_of
	it_eq 2 "$rc" "$name $c --no-such-option exit status"
	has "$ERR" "tùy chọn không hợp lệ '--no-such-option'" "$name $c names an unknown option"
}
# The global options of both programs, before the command, come from one
# table each: `PROGRAM --help` lists each option of its usage line, and each
# listed is parsed as listed (a value or none); an unknown one is refused.
globals_agree() { # PROGRAM OPTION...
	local prog=$1 name=${1##*/} o line long arg rc
	shift
	block "${MAIN[$prog]}" "Tùy chọn:"
	((${#BLOCK[@]} == $#)) || it_fail "$name --help lists ${#BLOCK[@]} global options, not $#"
	for o in "$@"; do
		has "${BLOCK[*]}" " $o" "$name --help lists $o"
	done
	for line in "${BLOCK[@]}"; do
		[[ $line =~ $OPTION_LINE ]] ||
			it_fail "$name: global option line not as command_help prints it: '$line'"
		long=${BASH_REMATCH[3]} arg=${BASH_REMATCH[5]} rc=0
		if [ -n "$arg" ]; then
			"$prog" "--$long" >/dev/null 2>"$T/err" || rc=$?
			stderr_of
			has "$ERR" "$name: tùy chọn --$long cần một giá trị" "$name --$long takes a value"
		else
			"$prog" "--$long=x" >/dev/null 2>"$T/err" || rc=$?
			stderr_of
			has "$ERR" "$name: tùy chọn --$long không nhận giá trị" "$name --$long is a flag"
		fi
		it_eq 2 "$rc" "$name --$long misused: exit status"
	done
	rc=0
	"$prog" --no-such-option list >/dev/null 2>"$T/err" || rc=$?
	stderr_of
	it_eq 2 "$rc" "$name --no-such-option exit status"
	has "$ERR" "$name: tùy chọn không hợp lệ '--no-such-option'" "$name: an unknown global option"
}
globals_agree "$SK_SANGKIEN" --store --help --version
globals_agree "$SK_ADMIN" --server --credential-file --ca-file --help --version

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
	local prog=$1 c=$2 out rc=0 line
	out=${HELP[$prog $c]}
	! has_line "$out" "Tùy chọn:" || it_fail "${prog##*/} $c lists options it has not"
	while IFS= read -r line; do
		[[ $line == "Cách dùng: "* ]] || continue
		[[ ${line#Cách dùng: } != *" --"[a-z]* ]] ||
			it_fail "${prog##*/} $c: an option in the usage of a command without any"
		break
	done <<<"$out"
	"$prog" "$c" 1 --no-such-option >/dev/null 2>"$T/err" || rc=$?
	stderr_of
	it_eq 2 "$rc" "${prog##*/} $c --no-such-option exit status"
	has "$ERR" "tùy chọn không hợp lệ '--no-such-option'" "${prog##*/} $c names an unknown option"
}
for c in show detach; do options_none "$SK_SANGKIEN" "$c"; done
# Every other command that has an option list keeps it in agreement too.
for c in $UNIT_COMMANDS; do
	[[ " $UNIT_DECLARED " == *" $c "* ]] && continue
	has_line "${HELP[$SK_SANGKIEN $c]}" "Tùy chọn:" && options_agree "$SK_SANGKIEN" "$c"
done
for c in $ADMIN_COMMANDS; do
	[[ " $ADMIN_DECLARED " == *" $c "* || " $ADMIN_DECLARED " == *" $c/"* ]] && continue
	has_line "${HELP[$SK_ADMIN $c]}" "Tùy chọn:" && options_agree "$SK_ADMIN" "$c"
done

# Nothing was touched: no store, no file named --help or -h.
[ ! -e "$T/no-such-dir" ] || it_fail "help created the store's directory"
[ ! -e "$T/other.db" ] || it_fail "help created a store"
[ ! -e "$T/--help" ] && [ ! -e "$T/-h" ] || it_fail "help wrote a file named after itself"

# After "--", --help is an argument again, not a request for help.
rc=0
"$SK_ADMIN" review apply -- --help >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -ne 0 ] || it_fail "review apply -- --help is not a request for help"
[ ! -s "$T/out" ] || it_fail "review apply -- --help prints no help"

echo "cli_help: ok"
