#!/usr/bin/env bash
# Uploads of several files interrupted every way: the connection cut at
# many byte offsets (sk-cutproxy lets STEP more bytes through on each cut
# connection, client to server and then server to client), the server
# killed with SIGKILL mid-upload, the client killed mid-upload.  Each
# interrupted sync may only end with "sent" (0) or "try later" (4); after
# the reruns the server holds each file once, with the right hash, attached
# to the right initiatives, and no upload is left in progress.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
. "$(dirname "$0")/../lib/dossier.sh"
it_begin dossier_sync_cut

# 64 KiB frames: chunks of 63 KiB, so a file of 70 KB is two chunks.
it_config max_frame_bytes=65536
it_server_start
it_operator
it_tree
it_proxy_start --cut-on none
code=$(admin enroll Q11-044 2>>"$T/admin.log")
client "$T/a.db" enroll "$PROXY" "$code" >"$T/client.log" 2>&1 || it_fail "enroll through the proxy"

# round N: a new initiative with three new files and the previous round's
# photo (so a file on two initiatives is kept once).
prev_file=''
dz_round() { # N
	local n=$1 uuid id
	uuid=$(it_uuid_of "$(it_add "$T/a.db" "Sáng kiến có hồ sơ, vòng $n")")
	id=$(it_list_field "$T/a.db" "$uuid" id)
	dz_make "$T/f/$n-tờ-trình.pdf" pdf $((70000 + ${#n} * 997))
	dz_make "$T/f/$n-ảnh.jpg" jpeg $((12000 + ${#n} * 499))
	dz_make "$T/f/$n-sơ-đồ.png" png 3000
	dz_attach "$T/a.db" "$id" "$uuid" "$T/f/$n-tờ-trình.pdf" "$T/f/$n-ảnh.jpg" "$T/f/$n-sơ-đồ.png"
	[ -n "$prev_file" ] && dz_attach "$T/a.db" "$id" "$uuid" "$prev_file"
	prev_file="$T/f/$n-ảnh.jpg"
}
mkdir -p "$T/f"

rounds=0
sweep() { # DIRECTION STEP
	local dir=$1 step=$2 round rc cuts=0
	it_proxy_start --direction "$dir" --cut-after 0 --cut-step "$step" --cut-every 2
	for ((round = 1; round <= 400; round++)); do
		rounds=$((rounds + 1))
		dz_round "$rounds"
		rc=0
		client "$T/a.db" sync --retries 0 >>"$T/client.log" 2>&1 || rc=$?
		[ "$rc" -eq 0 ] || [ "$rc" -eq 4 ] ||
			it_fail "$dir cut at round $round: sync exited $rc (expected 0 or 4)"
		if ! grep -q "connection $((2 * round - 1)): cut $dir " "$T/proxy.log"; then
			[ "$rc" -eq 0 ] || it_fail "$dir: uncut sync exited $rc"
			it_note "$dir: cut at $cuts offsets (step $step) over $round rounds"
			[ "$cuts" -ge 20 ] || it_fail "$dir: only $cuts cut points; the sweep proves little"
			return 0
		fi
		cuts=$((cuts + 1))
		it_status 0 it_client_logged "$T/a.db" sync --retries 0
	done
	it_fail "$dir: still cutting after 400 rounds"
}
# A round's upload is about 90 KB up and a few KB of replies down.
sweep c2s "${SK_DOSSIER_CUT_STEP_C2S:-4001}"
sweep s2c "${SK_DOSSIER_CUT_STEP_S2C:-83}"
dz_converged "$T/a.db" Q11-044

# The server killed while chunks arrive: after the k-th chunk of the round.
it_proxy_start --cut-on none --delay-ms 4
CHUNK_RE='request [0-9]+ upload_chunk$'
for ((r = 1; r <= 4; r++)); do
	dz_round "k$r"
	seen=$(grep -cE "$CHUNK_RE" "$T/sangkiend.log" || true)
	(
		rc=0
		client "$T/a.db" sync --retries 0 >>"$T/client.log" 2>&1 || rc=$?
		echo "$rc" >"$T/sync.rc"
	) &
	sync_pid=$!
	it_wait_log_count "$T/sangkiend.log" "$CHUNK_RE" $((seen + r)) 20 ||
		it_fail "kill round $r: no chunk arrived"
	it_server_kill9
	wait "$sync_pid" || true
	rc=$(cat "$T/sync.rc")
	[ "$rc" -eq 4 ] || [ "$rc" -eq 0 ] || it_fail "kill round $r: sync exited $rc"
	it_server_start "$PORT"
	it_store_intact "$T/a.db"
done
it_sync_until_done "$T/a.db" 3
dz_converged "$T/a.db" Q11-044

# The client killed mid-upload, at a different moment each round.
it_proxy_start --cut-on none --delay-ms 6
killed=0
for ((r = 1; r <= 6; r++)); do
	dz_round "c$r"
	"$SK_SANGKIEN" --store "$T/a.db" sync --retries 0 >>"$T/client.log" 2>&1 &
	sync_pid=$!
	sleep "$(printf '0.%03d' $((20 + r * 37)))"
	kill -KILL "$sync_pid" 2>/dev/null || true
	rc=0
	wait "$sync_pid" 2>/dev/null || rc=$?
	[ "$rc" -eq 137 ] && killed=$((killed + 1))
	it_store_intact "$T/a.db"
done
[ "$killed" -ge 3 ] || it_fail "only $killed of 6 syncs were killed mid-way"
it_sync_until_done "$T/a.db" 3
dz_converged "$T/a.db" Q11-044
before=$(it_psql "SELECT count(*), sum(size) FROM dossier_files")
it_status 0 it_client_logged "$T/a.db" sync
it_eq "$before" "$(it_psql "SELECT count(*), sum(size) FROM dossier_files")" \
	"files after one more sync"
echo "ok"
