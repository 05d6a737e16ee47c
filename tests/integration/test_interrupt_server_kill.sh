#!/usr/bin/env bash
# The server is killed with SIGKILL in the middle of a sync, at a different
# point each round: after the k-th batch request of the round arrived (the
# batch being written, or just committed), a few milliseconds later, and
# with creations, edits and withdrawals waiting.  It is started again and
# the work goes on.  Reruns then complete, and the server holds exactly the
# unit's initiatives, each once, with the latest revision.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
it_begin interrupt_server_kill

ROUNDS=12
BATCH_RE='request [0-9]+ (submit|edit|withdraw)$'

it_server_start
it_operator
it_tree
it_changes_mode
# A slow link (each chunk waits 8 ms) keeps the client inside its sync long
# enough for the kill to land between batches as well as inside one.
it_proxy_start --cut-on none --delay-ms 8
code=$(admin enroll Q11-044 2>>"$T/admin.log")
client "$T/a.db" enroll "$PROXY" "$code" >"$T/client.log" 2>&1 || it_fail "enroll through the proxy"
retry=()
it_sync_has --retries && retry=(--retries 0)

killed=0
for ((r = 1; r <= ROUNDS; r++)); do
	it_model_work "$T/a.db" "$r" 7
	seen=$(grep -cE "$BATCH_RE" "$T/sangkiend.log" || true)
	k=$((1 + r % 3))
	rc_file=$T/sync-$r.rc
	(
		rc=0
		client "$T/a.db" sync --batch 2 "${retry[@]}" >>"$T/client.log" 2>&1 || rc=$?
		echo "$rc" >"$rc_file"
	) &
	sync_pid=$!
	if it_wait_log_count "$T/sangkiend.log" "$BATCH_RE" $((seen + k)) 20; then
		# 0, 2 or 4 ms after the k-th batch request arrived.
		sleep "0.00$(((r % 3) * 2))"
		it_server_kill9
		killed=$((killed + 1))
	else
		it_note "round $r: the sync sent fewer than $k batches; no kill"
	fi
	wait "$sync_pid" || true
	rc=$(cat "$rc_file")
	case $rc in
	0 | 4) ;;
	*) it_fail "round $r: sync interrupted by the kill exited $rc (expected 0 or 4)" ;;
	esac
	it_store_intact "$T/a.db"
	[ -n "${SK_SERVER_PID:-}" ] || it_server_start "$PORT"
done
[ "$killed" -ge $((ROUNDS - 2)) ] || it_fail "only $killed of $ROUNDS rounds killed the server mid-sync"
it_note "server killed in $killed rounds"

it_sync_until_done "$T/a.db" 3
it_converged "$T/a.db" Q11-044
it_eq "$(wc -l <"$T/model.tsv")" "$(it_db_initiative_count Q11-044)" "rows stored"
q=$(client "$T/a.db" quota --format tsv)
it_eq "$(it_model_uuids 0 | wc -l)" "$(awk -F'\t' '$1 == "submitted" { print $2 }' <<<"$q")" \
	"submitted in quota (withdrawn not counted)"
echo "ok"
