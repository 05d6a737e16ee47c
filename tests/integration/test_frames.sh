#!/usr/bin/env bash
# Hostile frames (zero length, above the limit, undecodable) get an error
# frame and a closed connection, while the server keeps serving: a client
# connected before them still gets answers and a sync still works.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin frames

it_config max_frame_bytes=65536
it_server_start
it_operator
it_tree
it_enroll Q11-027 "$T/a.db"

# A connected, authenticated client waits while the others misbehave.
it_background probe --timeout 30000 "$ADDR" hello 1 - ping touch "$T/a-ready" \
	wait-file "$T/others-done" ping >"$T/a.out" 2>"$T/a.log"
sk_wait_path "$T/a-ready" 10 || it_fail "first client did not get going: $(cat "$T/a.out")"

expect_refused() { # WHAT EXPECTED-ERROR PROBE-STEPS...
	local what=$1 want=$2 out
	shift 2
	out=$(probe "$ADDR" "$@")
	it_eq "$want" "$(grep -v '^hello_reply' <<<"$out" | sed -n 1p)" "$what: reply"
	it_eq closed "$(grep -v '^hello_reply' <<<"$out" | sed -n 2p)" \
		"$what: then the connection closes"
}
expect_refused "zero-length frame before hello" "error FRAME_TOO_LARGE" header 0 read
expect_refused "zero-length frame after hello" "error FRAME_TOO_LARGE" hello 1 - header 0 read
expect_refused "frame over max_frame_bytes" "error FRAME_TOO_LARGE" hello 1 - header 65537 read
expect_refused "frame over 16 MiB" "error FRAME_TOO_LARGE" header 4294967295 read
expect_refused "undecodable frame" "error PROTOCOL" hello 1 - garbage 100 read

# A frame just under the limit is fine as far as framing goes: it is read
# and answered (here: undecodable) rather than refused for its size.
out=$(probe "$ADDR" garbage 65536 read)
it_eq "error PROTOCOL" "$(sed -n 1p <<<"$out")" "frame of exactly max_frame_bytes"

touch "$T/others-done"
wait "${IT_PIDS[0]}" || it_fail "first client failed: $(cat "$T/a.log")"
IT_PIDS=()
it_eq "$(printf 'hello_reply ANONYMOUS -\npong\npong')" "$(cat "$T/a.out")" \
	"the already-connected client's replies"

# And real work still goes through.
uuid=$(it_uuid_of "$(it_add "$T/a.db" 'Bảng tin điện tử cho công đoàn cơ sở')")
it_status 0 client "$T/a.db" sync
it_eq synced "$(it_list_field "$T/a.db" "$uuid" state)" "state after sync"
it_eq 1 "$(it_db_initiative_count Q11-027)" "rows after sync"
kill -0 "$SK_SERVER_PID" || it_fail "sangkiend died"
echo "ok"
