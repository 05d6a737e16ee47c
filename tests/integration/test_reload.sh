#!/usr/bin/env bash
# SIGHUP re-reads the settings: reloadable ones change in the running server,
# the others wait for a restart, and a broken file changes nothing.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin reload

it_config max_batch_items=5 db_pool_size=2
it_server_start
it_operator
it_tree
cred=$(it_credential Q11-027)

# wait_log TEXT: until the server's log holds TEXT (reload is asynchronous).
wait_log() {
	local i
	for i in $(seq 50); do
		grep -qF -- "$1" "$T/sangkiend.log" && return 0
		sleep 0.1
	done
	it_fail "server log never said: $1"
}
batch() { # N: the reply to a batch of N new items
	probe "$ADDR" hello 1 "$cred" submit-n Q11-027 "$1" | sed -n 2p
}

it_eq "error LIMIT_EXCEEDED" "$(batch 6)" "6 items over the configured limit of 5"

it_config max_batch_items=8 db_pool_size=3
kill -HUP "$SK_SERVER_PID"
wait_log "reload: max_batch_items = 8 (was 5)"
wait_log 'reload: db_pool_size changed to "3" but keeps "2" until a restart'
[[ $(batch 6) == item\ 0\ ITEM_ACCEPTED\ * ]] || it_fail "6 items after raising the limit to 8"
it_eq "error LIMIT_EXCEEDED" "$(batch 9)" "9 items over the reloaded limit of 8"

# A file that no longer parses: refused, the running values stay.
echo "max_batch_items = lots" >"$T/sangkiend.conf"
kill -HUP "$SK_SERVER_PID"
wait_log "reload refused, settings unchanged"
[[ $(batch 8) == item\ 0\ ITEM_ACCEPTED\ * ]] || it_fail "8 items after a refused reload"
it_eq 14 "$(it_db_initiative_count Q11-027)" "rows stored"
it_server_stop
echo "ok"
