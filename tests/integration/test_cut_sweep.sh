#!/usr/bin/env bash
# Cut the sync connection at many byte offsets, client-to-server and then
# server-to-client: the proxy lets STEP more bytes through on each cut
# connection, so the cut point sweeps the whole conversation.  Before each
# cut sync the unit has changes waiting: a new initiative and, when the
# client can, two titles edited (a stored initiative's and the newest one's)
# and every third round a withdrawal.
# Each cut sync may only end with "sent" (0) or "try later" (4); after a
# final uncut sync the server holds exactly the unit's initiatives, each
# once, with the latest revision, and the client holds the receipts.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
it_begin cut_sweep

STEP=${SK_CUT_STEP:-23}
MAX_ROUNDS=${SK_CUT_MAX_ROUNDS:-600}

it_server_start
it_operator
it_tree
it_changes_mode
it_proxy_start --cut-on none
code=$(admin enroll Q11-027 2>>"$T/admin.log")
client "$T/a.db" enroll "$PROXY" "$code" >"$T/client.log" 2>&1 ||
	it_fail "enroll through the proxy"
# One attempt per sync: each connection is a new cut point.
retry=()
it_sync_has --retries && retry=(--retries 0)

rounds=0
# Each round: changes, a sync the proxy cuts (connection 2r-1), then a sync
# it lets through (2r), which must finish.  So every cut sync starts from
# the same small backlog, and a cut that lost the server's changes on the
# way back cannot pile them up for the next one.
sweep() { # DIRECTION
	local dir=$1 round rc cuts=0
	it_proxy_start --direction "$dir" --cut-after 0 --cut-step "$STEP" --cut-every 2
	for ((round = 1; round <= MAX_ROUNDS; round++)); do
		rounds=$((rounds + 1))
		it_model_work "$T/a.db" "$rounds" 1
		rc=0
		client "$T/a.db" sync "${retry[@]}" >>"$T/client.log" 2>&1 || rc=$?
		[ "$rc" -eq 0 ] || [ "$rc" -eq 4 ] ||
			it_fail "$dir cut at round $round: sync exited $rc (expected 0 or 4)"
		if ! grep -q "connection $((2 * round - 1)): cut $dir " "$T/proxy.log"; then
			# The whole conversation got through: every offset was cut.
			[ "$rc" -eq 0 ] || it_fail "$dir: uncut sync exited $rc"
			it_note "$dir: cut at $cuts offsets (step $STEP) over $round rounds"
			[ "$cuts" -ge 20 ] || it_fail "$dir: only $cuts cut points; the sweep proves little"
			return 0
		fi
		cuts=$((cuts + 1))
		it_status 0 it_client_logged "$T/a.db" sync "${retry[@]}"
	done
	it_fail "$dir: still cutting after $MAX_ROUNDS rounds"
}
sweep c2s
sweep s2c

it_proxy_start --cut-on none
it_status 0 it_client_logged "$T/a.db" sync
it_converged "$T/a.db" Q11-027
list=$(client "$T/a.db" list --format tsv)
it_eq "$(wc -l <"$T/model.tsv")" "$(it_db_initiative_count Q11-027)" "rows stored"
# Every local receipt is the stored row of that uuid.
while IFS=$'\t' read -r _ uuid _ _ _ _ rid _; do
	it_eq "$(it_db_field "$uuid" record_id)" "$rid" "record id of $uuid"
done < <(tail -n +2 <<<"$list")
q=$(client "$T/a.db" quota --format tsv)
it_eq "$(it_model_uuids 0 | wc -l)" "$(awk -F'\t' '$1 == "submitted" { print $2 }' <<<"$q")" \
	"submitted in quota (withdrawn not counted)"
echo "ok"
