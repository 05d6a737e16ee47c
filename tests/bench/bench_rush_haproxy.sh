#!/usr/bin/env bash
# bench_rush_haproxy.sh BUILD_DIR [UNITS] - the deadline rush with UNITS
# units connected at once, through HAProxy in front of three sangkiend
# (TCP mode, PROXY v2, as deploy/haproxy/haproxy.cfg), beside the same rush
# straight to one sangkiend in the same run (the baseline).
#
# Each unit (tests/tools/sk-load, one session and thread each, all UNITS in
# flight together) connects, hellos, sends a batch of 1-10 initiatives,
# stays connected for SK_HAPROXY_THINK_MS (a slow office link), sends a
# second batch, pulls and closes: every unit is connected at the same time.
# The two runs use units of their own, on one database of the suite's
# PostgreSQL cluster.  Prints for each: throughput, SubmitBatch p50/p99,
# hello p99, the peak RSS of each sangkiend (and of HAProxy).  Fails only on
# wrong results (an item not accepted once or not pulled, an error), never
# on figures.  UNITS: 1,000 in the suite (SK_HAPROXY_UNITS); the issue's
# 10,000 by hand: `bench_rush_haproxy.sh build 10000`.
set -euo pipefail
lib=$(cd "$(dirname "$0")/../lib" && pwd)
. "$lib/common.sh"
. "$lib/pg.sh"
. "$lib/server.sh"

if [ $# -ge 1 ]; then
	sangkiend=$1/server/sangkiend
	load=$1/tests/tools/sk-load
	pg_dir=${SK_PG_DIR:-$1/test-pg}
else
	sangkiend=${SK_SANGKIEND:?usage: bench_rush_haproxy.sh BUILD_DIR [UNITS]}
	load=$(dirname "${SK_PROBE:?}")/sk-load
	pg_dir=${SK_PG_DIR:?}
fi
units=${2:-${SK_HAPROXY_UNITS:-1000}}
think=${SK_HAPROXY_THINK_MS:-3000}
[ -x "$sangkiend" ] || sk_die "$sangkiend not built"
[ -x "$load" ] || sk_die "$load not built"
command -v haproxy >/dev/null || sk_die "haproxy is missing (tests/lib/packages.sh)"
[[ $units =~ ^[1-9][0-9]*$ ]] && [ "$units" -le 10000 ] || sk_die "UNITS: '$units' is not 1..10000"
# sk-load holds a descriptor per unit, HAProxy two, the direct server one:
# 10,000 units need an open-files limit above 20,100 (raised when allowed).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge $((2 * units + 100)) ] ||
	sk_die "open-files limit $(ulimit -n) too low for $units units: HAProxy needs $((2 * units + 100))"

work=$(mktemp -d /tmp/sk-bench-haproxy.XXXXXX)
db=sk_bench_haproxy_$$
pids=()
cleanup() {
	set +e
	for pid in "${pids[@]}"; do sk_stop_pid "$pid" >/dev/null 2>&1; done
	dropdb --if-exists --force "$db" >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT
sk_pg_load_env "$pg_dir"
createdb -E UTF8 -T template0 "$db"
conninfo=$(sk_pg_conninfo "$db")
"$sangkiend" migrate --db "$conninfo" >/dev/null
q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" "$@"; }
warm=$((units < 200 ? units : 200))
echo "generating $((2 * units + 2 * warm)) grassroots units with a unit credential each..."
q -v units=$((2 * units + 2 * warm)) -f "$(dirname "$0")/national_tree.sql"
q -o "$work/creds.txt" -f "$(dirname "$0")/unit_credentials.sql"
sed -n "1,${units}p" "$work/creds.txt" >"$work/creds-direct.txt"
sed -n "$((units + 1)),$((2 * units))p" "$work/creds.txt" >"$work/creds-haproxy.txt"
sed -n "$((2 * units + 1)),$((2 * units + warm))p" "$work/creds.txt" >"$work/creds-warm.txt"
sed -n "$((2 * units + warm + 1)),\$p" "$work/creds.txt" >"$work/creds-warm2.txt"

# Four servers: one for the baseline, three behind HAProxy (which alone
# may send PROXY headers to them).
# Every unit may wait for the database at once: the queue holds them all
# and the deadline is generous (the machine is shared; this measures, it
# does not refuse).
cat >"$work/direct.conf" <<-CONF
	max_connections = $((units + 64))
	db_queue_size = $((units + 64))
	query_timeout_ms = 120000
	log_level = warn
CONF
{ cat "$work/direct.conf"; echo "proxy_from = 127.0.0.1"; } >"$work/behind.conf"
start() { # NAME CONF: a server in $work/NAME; its port in $work/NAME/port
	mkdir -p "$work/$1"
	sk_server_start "$sangkiend" "$work/$1" "$conninfo" 0 -c "$2" || sk_die "$1 did not start"
	pids+=("$SK_SERVER_PID")
	echo "$SK_SERVER_PID" >"$work/$1/pid"
}
start direct "$work/direct.conf"
for s in s1 s2 s3; do start "$s" "$work/behind.conf"; done
hport=$(sk_pick_port) || sk_die "no free port"
cat >"$work/haproxy.cfg" <<-CFG
	global
	    maxconn $((units + 20))
	defaults
	    mode tcp
	    timeout connect 5s
	    timeout client 330s
	    timeout server 330s
	    option redispatch
	    retries 3
	frontend sangkien
	    bind 127.0.0.1:$hport
	    default_backend sangkiend
	backend sangkiend
	    balance leastconn
	    default-server send-proxy-v2 check inter 1s fall 2 rise 2
	    server s1 127.0.0.1:$(cat "$work/s1/port")
	    server s2 127.0.0.1:$(cat "$work/s2/port")
	    server s3 127.0.0.1:$(cat "$work/s3/port")
CFG
haproxy -c -f "$work/haproxy.cfg" >"$work/haproxy-check.log" 2>&1 ||
	sk_die "haproxy -c: $(cat "$work/haproxy-check.log")"
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
haproxy_pid=$!
pids+=("$haproxy_pid")
for _ in $(seq 50); do sk_port_in_use "$hport" && break; sleep 0.1; done
sk_port_in_use "$hport" || sk_die "haproxy is not listening: $(cat "$work/haproxy.log")"

rows() { q -c "SELECT count(*) FROM initiatives"; }
field() { tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k { print $2 }'; }
peak_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
# sample PIDS...: the most descriptors each process held, every 0.2 s until
# killed, written to $work/fds.PID (a server's clients and its own ~60).
sample() {
	local pid n
	declare -A most
	trap 'for pid in "${!most[@]}"; do echo "${most[$pid]}" >"$work/fds.$pid"; done; exit 0' TERM
	while :; do
		for pid in "$@"; do
			n=$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
			[ "$n" -gt "${most[$pid]:-0}" ] && most[$pid]=$n
		done
		sleep 0.2
	done
}
# rush NAME ADDR CREDS: every unit of CREDS connected at once; prints the
# figures line of sk-load and checks the rows stored.
rush() {
	local before line
	before=$(rows)
	sample "$(cat "$work/direct/pid")" "$(cat "$work/s1/pid")" "$(cat "$work/s2/pid")" \
		"$(cat "$work/s3/pid")" &
	sampler=$!
	"$load" run -c "$units" -b 2 -n 1-10 --think "$think" --timeout 300000 --no-resend \
		"$2" "$3" \
		>"$work/$1.out" 2>"$work/$1.err" || {
		cat "$work/$1.out" >&2
		head -n 20 "$work/$1.err" >&2
		sk_die "$1: the rush failed (output above)"
	}
	kill -TERM "$sampler" && wait "$sampler" || true
	for pid in direct s1 s2 s3; do
		mv "$work/fds.$(cat "$work/$pid/pid")" "$work/$1.fds.$pid" 2>/dev/null || echo 0 >"$work/$1.fds.$pid"
	done
	line=$(grep '^pass=1 ' "$work/$1.out")
	[ "$(field errors "$line")" -eq 0 ] || sk_die "$1: errors: $line"
	[ "$(($(rows) - before))" -eq "$(field items "$line")" ] ||
		sk_die "$1: rows stored differ from items sent ($line)"
	echo "$line load_avg=$(cut -d' ' -f1 /proc/loadavg)" >"$work/$1.line"
}
# A fresh database is slow at first (cold caches, autovacuum of the new
# tables): units of their own warm it up, unmeasured, through every server.
"$load" run -c "$warm" -b 1 -n 1-10 --timeout 300000 --no-resend "127.0.0.1:$hport" \
	"$work/creds-warm.txt" >"$work/warm.out" 2>&1 || sk_die "warm-up: $(tail -n 5 "$work/warm.out")"
"$load" run -c "$warm" -b 1 -n 1-10 --timeout 300000 --no-resend \
	"127.0.0.1:$(cat "$work/direct/port")" "$work/creds-warm2.txt" >"$work/warm2.out" 2>&1 ||
	sk_die "warm-up: $(tail -n 5 "$work/warm2.out")"
echo "the rush straight to one sangkiend: $units units connected at once..."
rush direct "127.0.0.1:$(cat "$work/direct/port")" "$work/creds-direct.txt"
echo "the rush through HAProxy to three sangkiend: $units units connected at once..."
rush haproxy "127.0.0.1:$hport" "$work/creds-haproxy.txt"
report() { # NAME WHAT RSS_TEXT
	local line
	line=$(cat "$work/$1.line")
	printf 'bench: rush_haproxy %-34s %6d units %6d items %5.1f s %6.0f items/s p50 %6s ms p99 %6s ms hello p99 %6s ms; %s; load average %s\n' \
		"$2" "$(field sessions "$line")" "$(field items "$line")" "$(field seconds "$line")" \
		"$(field items_per_s "$line")" "$(field p50_ms "$line")" "$(field p99_ms "$line")" \
		"$(field hello_p99_ms "$line")" "$3" "$(field load_avg "$line")"
}
mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }
printf 'bench: rush_haproxy: %d units connected at once, batches of 1-10 initiatives %d ms apart, %s CPU(s)\n' \
	"$units" "$think" "$(nproc)"
report direct "direct to one sangkiend (baseline)" \
	"sangkiend peak RSS $(mb "$(peak_kb "$(cat "$work/direct/pid")")"), descriptors $(cat "$work/direct.fds.direct")"
rss=() fds=()
for s in s1 s2 s3; do
	rss+=("$(mb "$(peak_kb "$(cat "$work/$s/pid")")")")
	fds+=("$(cat "$work/haproxy.fds.$s")")
	# leastconn spreads the units: each server held a good part of them.
	[ "$(cat "$work/haproxy.fds.$s")" -gt $((units / 6)) ] ||
		sk_die "$s held $(cat "$work/haproxy.fds.$s") descriptors of $units units: not balanced"
done
report haproxy "HAProxy, three sangkiend" \
	"sangkiend peak RSS ${rss[0]}, ${rss[1]}, ${rss[2]}, descriptors ${fds[0]}, ${fds[1]}, ${fds[2]}; HAProxy $(mb "$(peak_kb "$haproxy_pid")")"
sk_stop_pid "$haproxy_pid" || true
for s in direct s1 s2 s3; do
	sk_stop_pid "$(cat "$work/$s/pid")" || sk_die "sangkiend $s did not stop cleanly"
done
pids=()
