#!/usr/bin/env bash
# bench_sync_load.sh - the deadline rush: many grassroots units syncing at
# once.  A tree of units, each with a unit credential enrolled through the
# protocol (sk-load enroll); then, at each concurrency level C, the same
# amount of work with C connections in flight: SESSIONS units each sync
# BATCHES batches of ITEMS new initiatives and pull their feed, then resend
# everything (every item must come back a duplicate with its first receipt).
# Each level uses its own units and a freshly started server (so its peak
# resident memory, VmHWM, is the level's own), on the same database.
#
# Prints, per level: connections, items, items/s, SubmitBatch latency
# percentiles, Hello round-trip p99, the resend's items/s and p99, the server's
# peak memory and the errors; then the stored row count.  Fails only on
# wrong results (an item not accepted, not found by the pull, not a
# duplicate on resend, any error, a row count other than the items sent),
# never on figures.
#
# Run through ctest (label "bench"; tests/run-all.sh prints the figures).
# Sizes: SK_LOAD_LEVELS (default "10 100 500"), SK_LOAD_SESSIONS units per
# level (600), SK_LOAD_BATCHES (2), SK_LOAD_ITEMS per batch (8; the
# programme's average unit has about 8 initiatives), SK_LOAD_POOL the
# server's db_pool_size (4, the default setting), SK_LOAD_THINK_MS pause
# between a unit's batches (0).
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin bench_load

LOAD=${SK_LOAD:-$(dirname "$SK_PROBE")/sk-load}
[ -x "$LOAD" ] || it_fail "sk-load not built at $LOAD"
read -r -a LEVELS <<<"${SK_LOAD_LEVELS:-10 100 500}"
SESSIONS=${SK_LOAD_SESSIONS:-600}
BATCHES=${SK_LOAD_BATCHES:-2}
ITEMS=${SK_LOAD_ITEMS:-8}
POOL=${SK_LOAD_POOL:-4}
THINK=${SK_LOAD_THINK_MS:-0}
UNITS=$((SESSIONS * ${#LEVELS[@]}))

max_c=0
for c in "${LEVELS[@]}"; do
	[[ $c =~ ^[1-9][0-9]*$ ]] || it_fail "SK_LOAD_LEVELS: '$c' is not a connection count"
	[ "$c" -gt "$max_c" ] && max_c=$c
done
# Room for every session plus the operator's, so a refusal is a finding.
# A socket sk-load has closed still counts until the server reads its end,
# which on a loaded machine comes after the next session's connect: a
# quarter more for those.
it_config max_connections=$((max_c + max_c / 4 + 16)) db_pool_size="$POOL" log_level=info \
	max_import_rows=$((UNITS > 5000 ? UNITS : 5000))
# Each connection is a descriptor in the server and in sk-load.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# The server at its production log level (it_server_start asks for debug,
# which at this rate would measure the log).
start_server() {
	sk_server_start "$SK_SANGKIEND" "$T" "$CONNINFO" 0 -c "$T/sangkiend.conf" ||
		it_fail "sangkiend did not start"
	ADDR=127.0.0.1:$SK_SERVER_PORT
}

kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
# cpu_ticks PID: user + system CPU of a process so far, in clock ticks.
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
HZ=$(getconf CLK_TCK)

# field NAME LINE: the value of NAME=... in one of sk-load's lines.
field() { tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k { print $2 }'; }

start_server
it_operator
admin add-unit VN "Tổng Liên đoàn Lao động Việt Nam" --level national >>"$T/admin.log" 2>&1 ||
	it_fail "add-unit VN"
admin add-unit HCM "Liên đoàn Lao động TP. Hồ Chí Minh" --level province --parent VN \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit HCM"
admin add-unit Q11 "Liên đoàn Lao động Quận 11" --level district --parent HCM \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q11"
awk -v n="$UNITS" 'BEGIN {
	print "stt,ma_don_vi,don_vi,so_phan_bo"
	for (i = 1; i <= n; i++)
		printf "%d,Q11-L%05d,Công đoàn cơ sở Công ty Cổ phần Dệt may số %d,%d\n", i, i, i, 8
}' >"$T/units.csv"
admin import-units --parent Q11 "$T/units.csv" >>"$T/admin.log" 2>&1 ||
	it_fail "import-units of $UNITS units"
it_eq "$UNITS" "$(it_db_grassroots_count Q11)" "grassroots units imported"
awk -F, 'NR > 1 { print $2 }' "$T/units.csv" >"$T/units.txt"
enroll_out=$("$LOAD" enroll -c 4 "$ADDR" "$SANGKIEN_ADMIN_CREDENTIAL" "$T/units.txt" \
	"$T/credentials.txt" 2>>"$T/load.log") || it_fail "enrolling $UNITS units (see load.log)"
it_eq "$UNITS" "$(grep -c '^skc1_' "$T/credentials.txt")" "credentials written"
it_eq "$UNITS" "$(it_psql "SELECT count(*) FROM credentials c JOIN units u ON u.id = c.unit_id
	WHERE c.role = 'unit' AND u.code LIKE 'Q11-L%'")" "unit credentials stored"
it_server_stop

declare -A line1 line2 peak cpu
sent=0
level=0
for c in "${LEVELS[@]}"; do
	sed -n "$((level * SESSIONS + 1)),$(((level + 1) * SESSIONS))p" "$T/credentials.txt" \
		>"$T/creds-$c.txt"
	start_server
	cpu0=$(cpu_ticks "$SK_SERVER_PID")
	out=$(/usr/bin/time -f '%e %U %S' -o "$T/time-$c" "$LOAD" run -c "$c" -b "$BATCHES" \
		-n "$ITEMS" --think "$THINK" "$ADDR" "$T/creds-$c.txt" 2>>"$T/load.log") || {
		printf '%s\n' "$out" >>"$T/load.log"
		it_fail "sk-load with $c connections found wrong results or errors (see load.log)"
	}
	printf '%s\n' "$out" >>"$T/load.log"
	peak[$c]=$(kb "$SK_SERVER_PID")
	server_cpu=$(($(cpu_ticks "$SK_SERVER_PID") - cpu0))
	it_server_stop
	# CPU used over the wall time of both passes, in percent of one core:
	# the load tool far below the server shows the tool is not the limit.
	read -r wall user sys <"$T/time-$c"
	cpu[$c]=$(awk -v w="$wall" -v u="$user" -v s="$sys" -v t="$server_cpu" -v hz="$HZ" \
		'BEGIN { printf "%.0f %.0f", 100 * (u + s) / w, 100 * t / hz / w }')
	line1[$c]=$(grep '^pass=1 ' <<<"$out")
	line2[$c]=$(grep '^pass=2 ' <<<"$out")
	n=$(field items "${line1[$c]}")
	it_eq "$((SESSIONS * BATCHES * ITEMS))" "$n" "items sent with $c connections"
	it_eq "$n" "$(field accepted "${line1[$c]}")" "items accepted with $c connections"
	it_eq "$n" "$(field duplicate "${line2[$c]}")" "duplicates on resend with $c connections"
	it_eq 0 "$(($(field errors "${line1[$c]}") + $(field errors "${line2[$c]}")))" \
		"errors with $c connections"
	sent=$((sent + n))
	level=$((level + 1))
done
rows=$(it_psql "SELECT count(*) FROM initiatives")
it_eq "$sent" "$rows" "initiatives stored after every level (items sent)"

printf 'bench: deadline rush: %d units per level, each syncs %d x %d initiatives and pulls, then resends all (db_pool_size %d)\n' \
	"$SESSIONS" "$BATCHES" "$ITEMS" "$POOL"
printf 'bench: enrollment of %d units through the protocol: %s s\n' "$UNITS" \
	"$(field seconds "$enroll_out")"
printf 'bench: latencies in ms: SubmitBatch round trip (p50..max), Hello round trip after the connect (hello_p99), resent batch (resend_p99); cpu%%: of one core over both passes, sangkiend (srv) and sk-load (load), PostgreSQL not counted\n'
printf 'bench: %5s %6s %8s %7s %7s %7s %7s %9s %9s %10s %9s %8s %8s %6s\n' conns items \
	'items/s' p50_ms p95_ms p99_ms max_ms hello_p99 'resend/s' resend_p99 server_kB \
	'srv_cpu%' 'load_cpu%' errors
for c in "${LEVELS[@]}"; do
	a=${line1[$c]} b=${line2[$c]}
	read -r load_pct server_pct <<<"${cpu[$c]}"
	printf 'bench: %5d %6d %8.0f %7.1f %7.1f %7.1f %7.1f %9.1f %9.0f %10.1f %9d %8d %8d %6d\n' \
		"$(field connections "$a")" "$(field items "$a")" "$(field items_per_s "$a")" \
		"$(field p50_ms "$a")" "$(field p95_ms "$a")" "$(field p99_ms "$a")" \
		"$(field max_ms "$a")" "$(field hello_p99_ms "$a")" "$(field items_per_s "$b")" \
		"$(field p99_ms "$b")" "${peak[$c]}" "$server_pct" "$load_pct" \
		"$(($(field errors "$a") + $(field errors "$b")))"
done
printf 'bench: rows stored %d = items sent %d\n' "$rows" "$sent"
