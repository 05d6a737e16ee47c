#!/usr/bin/env bash
# Descriptors: sangkiend raises its soft open-files limit to the hard one,
# lowers a max_connections the limit cannot hold (with a warning) and
# answers the clients beyond it ERROR_UNAVAILABLE.  Out of descriptors it
# answers waiting clients busy, pauses accepting instead of spinning, keeps
# its log short, and serves again once descriptors are free.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin fd_limits
[ -n "${SK_FLOOD:-}" ] || it_fail "SK_FLOOD is not set (run through ctest)"
command -v prlimit >/dev/null || it_fail "prlimit (util-linux) is missing"

# soft 64, hard 120: capacity = 120 - 48 (FDLIMIT_OVERHEAD) - 4 (pool) = 68.
cat >"$T/sangkiend-lowfd" <<-SH
	#!/bin/sh
	exec prlimit --nofile=64:120 -- "$SK_SANGKIEND" "\$@"
SH
chmod +x "$T/sangkiend-lowfd"
it_config max_connections=1000 db_pool_size=4
sk_server_start "$T/sangkiend-lowfd" "$T" "$CONNINFO" 0 -c "$T/sangkiend.conf" ||
	it_fail "sangkiend did not start"
ADDR=127.0.0.1:$SK_SERVER_PORT
pid=$SK_SERVER_PID
log=$T/sangkiend.log
it_contains "$(cat "$log")" "open-files limit raised from 64 to 120" "start-up log"
it_contains "$(cat "$log")" "max_connections = 1000 cannot be held by the open-files limit: using 68" \
	"start-up log"
it_eq 120 "$(awk '/Max open files/ { print $4 }' "/proc/$pid/limits")" "soft limit in force"

# 100 clients at once: 68 sessions, the other 32 told to come back later.
"$SK_FLOOD" --hold-file "$T/release1" "$ADDR" 100 >"$T/flood1.out" &
IT_PIDS+=($!)
sk_wait_file "$T/flood1.out" 20 || it_fail "first flood printed nothing"
it_eq "hello=68 unavailable=32 other=0 closed=0 timeout=0 connect_failed=0" \
	"$(cat "$T/flood1.out")" "100 clients against a capacity of 68"

# Now take the descriptors away: the soft limit drops to what is open.
nfd=$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 | wc -l)
prlimit --pid "$pid" --nofile="$nfd:120"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
before=$(cpu_ticks)
lines_before=$(grep -c "out of file descriptors" "$log" || true)
for round in 1 2 3; do
	out=$("$SK_FLOOD" --timeout 3000 "$ADDR" 40)
	it_eq "hello=0 unavailable=40 other=0 closed=0 timeout=0 connect_failed=0" "$out" \
		"round $round: 40 clients while out of descriptors"
done
sleep 1
after=$(cpu_ticks)
lines=$(($(grep -c "out of file descriptors" "$log" || true) - lines_before))
it_note "out of descriptors: $((after - before)) CPU ticks, $lines log lines"
# A server retrying accept() in a loop would burn every tick of these seconds.
[ $((after - before)) -lt 100 ] || it_fail "sangkiend used $((after - before)) ticks: spinning"
[ "$lines" -ge 1 ] && [ "$lines" -le 10 ] || it_fail "$lines 'out of file descriptors' lines"
kill -0 "$pid" || it_fail "sangkiend died"

# Descriptors back, sessions released: service resumes.
prlimit --pid "$pid" --nofile=120:120
touch "$T/release1"
wait "${IT_PIDS[0]}"
IT_PIDS=()
sleep 0.5
it_eq "hello=20 unavailable=0 other=0 closed=0 timeout=0 connect_failed=0" \
	"$("$SK_FLOOD" "$ADDR" 20)" "after the shortage"
it_operator
it_tree
it_enroll Q11-027 "$T/a.db"
it_add "$T/a.db" 'Sổ tay an toàn điện cho tổ bảo trì' >/dev/null
it_status 0 client "$T/a.db" sync
it_eq 1 "$(it_db_initiative_count Q11-027)" "rows after sync"
echo "ok"
