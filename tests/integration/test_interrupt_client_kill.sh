#!/usr/bin/env bash
# The client is killed with SIGKILL in the middle of a sync, at a different
# moment each round (from before the hello to the last batches, over a
# slowed link), with creations, edits and withdrawals waiting.  After every
# kill the store passes SQLite's integrity check; reruns then complete and
# the server holds exactly the unit's initiatives, each once, with the
# latest revision.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
it_begin interrupt_client_kill

ROUNDS=14

it_server_start
it_operator
it_tree
it_changes_mode
# Each chunk waits 15 ms in the proxy: a sync of a round's changes in
# batches of 2 takes a few hundred milliseconds, the span the kills cover.
it_proxy_start --cut-on none --delay-ms 15
code=$(admin enroll Q11-027 2>>"$T/admin.log")
client "$T/c.db" enroll "$PROXY" "$code" >"$T/client.log" 2>&1 || it_fail "enroll through the proxy"

killed=0
for ((r = 1; r <= ROUNDS; r++)); do
	it_model_work "$T/c.db" "$r" 6
	# Kill after 5, 28, 51, ... ms: spread over the whole conversation.
	delay_ms=$((5 + (r * 23) % 300))
	"$SK_SANGKIEN" --store "$T/c.db" sync --batch 2 >>"$T/client.log" 2>&1 &
	sync_pid=$!
	sleep "$(printf '0.%03d' "$delay_ms")"
	kill -KILL "$sync_pid" 2>/dev/null || true
	rc=0
	wait "$sync_pid" 2>/dev/null || rc=$?
	case $rc in
	137) killed=$((killed + 1)) ;;
	0 | 4) it_note "round $r: sync ended ($rc) before the kill at ${delay_ms} ms" ;;
	*) it_fail "round $r: sync exited $rc before the kill" ;;
	esac
	it_store_intact "$T/c.db"
	# The store still opens and lists after the kill.
	client "$T/c.db" list --format tsv >/dev/null 2>>"$T/client.log" ||
		it_fail "round $r: sangkien list fails after the client was killed"
done
[ "$killed" -ge $((ROUNDS * 2 / 3)) ] || it_fail "only $killed of $ROUNDS syncs were killed mid-way"
# Some kills fell after batches were answered: progress was kept.
stored=$(it_db_initiative_count Q11-027)
[ "$stored" -gt 0 ] || it_fail "no kill came late enough for a batch to be stored"
it_note "$killed syncs killed; $stored initiatives stored before the final sync"

it_sync_until_done "$T/c.db" 3
it_converged "$T/c.db" Q11-027
it_eq "$(wc -l <"$T/model.tsv")" "$(it_db_initiative_count Q11-027)" "rows stored"
echo "ok"
