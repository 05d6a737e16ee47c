#!/usr/bin/env bash
# Cut the sync connection at every 7th byte offset, client-to-server and
# then server-to-client, with one initiative pending before each sync (a new
# one is entered whenever the previous one got through).
# Each cut sync may only end with "sent" (0) or "try later" (4); at the end
# every initiative is stored exactly once and the client holds its receipt.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin cut_sweep

STEP=7
MAX_ROUNDS=400

it_server_start
it_operator
it_tree

# start_proxy ARGS...: (re)start the proxy in front of the server, always on
# the same port, since the client keeps the address it enrolled with.
proxy_pid=
start_proxy() {
	if [ -n "$proxy_pid" ]; then
		kill "$proxy_pid" 2>/dev/null || true
		wait "$proxy_pid" 2>/dev/null || true
	fi
	rm -f "$T/proxy.port"
	"$SK_CUTPROXY" --target "$ADDR" --port-file "$T/proxy.port" \
		${PROXY_PORT:+--listen-port "$PROXY_PORT"} "$@" 2>"$T/proxy.log" &
	proxy_pid=$!
	IT_PIDS+=("$proxy_pid")
	sk_wait_file "$T/proxy.port" 10 || it_fail "sk-cutproxy did not start"
	PROXY_PORT=$(cat "$T/proxy.port")
}

start_proxy --cut-on none
code=$(admin enroll Q11-027)
client "$T/a.db" enroll "127.0.0.1:$PROXY_PORT" "$code" >"$T/client.log" 2>&1 ||
	it_fail "enroll through the proxy"

added=0
sweep() { # DIRECTION
	local dir=$1 round rc conns cuts
	start_proxy --direction "$dir" --cut-after 0 --cut-step "$STEP"
	for ((round = 1; round <= MAX_ROUNDS; round++)); do
		# Keep the conversation the same length: exactly one pending item.
		if ! client "$T/a.db" list --format tsv |
			awk -F'\t' '$3 == "pending"' | grep -q .; then
			it_add "$T/a.db" "Sáng kiến $dir số $round: đổi mới cách làm" >/dev/null
			added=$((added + 1))
		fi
		rc=0
		client "$T/a.db" sync >>"$T/client.log" 2>&1 || rc=$?
		[ "$rc" -eq 0 ] || [ "$rc" -eq 4 ] ||
			it_fail "$dir cut at round $round: sync exited $rc (expected 0 or 4)"
		conns=$(grep -c ' closed (' "$T/proxy.log" || true)
		cuts=$(grep -c ": cut $dir " "$T/proxy.log" || true)
		# Done when a whole conversation got through uncut.
		if [ "$cuts" -lt "$conns" ]; then
			[ "$rc" -eq 0 ] || it_fail "$dir: uncut sync exited $rc"
			it_note "$dir: cut at $cuts offsets (step $STEP) over $round rounds"
			return 0
		fi
	done
	it_fail "$dir: still cutting after $MAX_ROUNDS rounds"
}
sweep c2s
sweep s2c

start_proxy --cut-on none
it_status 0 client "$T/a.db" sync
list=$(client "$T/a.db" list --format tsv)
it_eq "$added" "$(awk -F'\t' 'NR > 1 && $3 == "synced"' <<<"$list" | wc -l)" "items synced"
it_eq "$added" "$(it_db_initiative_count Q11-027)" "rows stored"
# Every local receipt is the stored row of that uuid.
while IFS=$'\t' read -r _ uuid _ _ _ _ rid _; do
	it_eq "$(it_db_field "$uuid" record_id)" "$rid" "record id of $uuid"
done < <(tail -n +2 <<<"$list")
q=$(client "$T/a.db" quota --format tsv)
it_eq "$added" "$(awk -F'\t' '$1 == "submitted" { print $2 }' <<<"$q")" "submitted in quota"
echo "ok"
