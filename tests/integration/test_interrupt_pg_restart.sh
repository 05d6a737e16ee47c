#!/usr/bin/env bash
# PostgreSQL is restarted (pg_ctl -m fast, then -m immediate: a crash and
# recovery) in the middle of a sync.  The server stays up, answers
# UNAVAILABLE while the database is gone, and its pool reconnects; the
# client retries within its bound and completes, or exits 4 and a rerun
# completes.  Then the server holds exactly the unit's initiatives, each
# once, with the latest revision.  Runs on a cluster of its own, since the
# shared one serves the other tests.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
it_begin interrupt_pg_restart
it_private_pg

BATCH_RE='request [0-9]+ (submit|edit|withdraw)$'

it_server_start
it_operator
it_tree
it_changes_mode
it_proxy_start --cut-on none --delay-ms 15
code=$(admin enroll Q11-044 2>>"$T/admin.log")
client "$T/a.db" enroll "$PROXY" "$code" >"$T/client.log" 2>&1 || it_fail "enroll through the proxy"
retry=()
it_sync_has --retries && retry=(--retries 6 --max-wait 2)

round=0
restart_mid_sync() { # MODE PAUSE
	local mode=$1 pause=$2 seen rc sync_pid connected
	round=$((round + 1))
	it_model_work "$T/a.db" "$round" 8
	seen=$(grep -cE "$BATCH_RE" "$T/sangkiend.log" || true)
	connected=$(grep -c 'db\[[0-9]*\]: connected' "$T/sangkiend.log" || true)
	(
		rc=0
		client "$T/a.db" sync --batch 2 "${retry[@]}" >>"$T/client.log" 2>&1 || rc=$?
		echo "$rc" >"$T/sync.rc"
	) &
	sync_pid=$!
	it_wait_log_count "$T/sangkiend.log" "$BATCH_RE" $((seen + 2)) 20 ||
		it_fail "round $round: the sync sent no second batch"
	it_pg_restart "$mode" "$pause"
	wait "$sync_pid" || true
	rc=$(cat "$T/sync.rc")
	kill -0 "$SK_SERVER_PID" 2>/dev/null ||
		it_fail "round $round: sangkiend died when PostgreSQL restarted (-m $mode)"
	case $rc in
	0) it_note "round $round (-m $mode): the client completed by itself" ;;
	4) it_note "round $round (-m $mode): the client gave up (4); rerunning"
	   it_sync_until_done "$T/a.db" 5 ;;
	*) it_fail "round $round (-m $mode): sync exited $rc (expected 0 or 4)" ;;
	esac
	# The pool noticed and came back.
	it_wait_log_count "$T/sangkiend.log" 'db\[[0-9]+\]: connected' $((connected + 1)) 20 ||
		it_fail "round $round: the server's pool did not reconnect after the restart"
	it_store_intact "$T/a.db"
}

restart_mid_sync fast 0
restart_mid_sync immediate 0
restart_mid_sync fast 1
restart_mid_sync immediate 1

grep -qE 'database unavailable|db\[[0-9]+\]: ' "$T/sangkiend.log" ||
	it_fail "the server logged nothing about losing the database"
unavailable=$(grep -c 'error UNAVAILABLE' "$T/sangkiend.log" || true)
[ "$unavailable" -gt 0 ] || it_fail "the server never answered UNAVAILABLE while PostgreSQL was down"
it_note "server answered UNAVAILABLE $unavailable times"

it_sync_until_done "$T/a.db" 3
it_converged "$T/a.db" Q11-044
echo "ok"
