#!/usr/bin/env bash
# PostgreSQL restarted (pg_ctl -m fast, then -m immediate: a crash and
# recovery) while `sangkien sync` uploads a unit's files.  The sync retries
# within its bound and completes, or exits 4 and a rerun completes; then the
# server holds each file once, with the right hash, on the right
# initiatives, and no upload is left in progress.  Runs on a cluster of its
# own, since the shared one serves the other tests.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
. "$(dirname "$0")/../lib/dossier.sh"
it_begin dossier_sync_pg_restart
it_private_pg

# Chunks of 63 KiB over a slowed link: a round's files take a second or so.
it_config max_frame_bytes=65536
it_server_start
it_operator
it_tree
it_proxy_start --cut-on none --delay-ms 10
code=$(admin enroll Q11-044 2>>"$T/admin.log")
client "$T/a.db" enroll "$PROXY" "$code" >"$T/client.log" 2>&1 || it_fail "enroll through the proxy"
mkdir -p "$T/f"
CHUNK_RE='request [0-9]+ upload_chunk$'

round=0
restart_mid_upload() { # MODE
	local mode=$1 uuid id seen rc sync_pid
	round=$((round + 1))
	uuid=$(it_uuid_of "$(it_add "$T/a.db" "Sáng kiến có hồ sơ, lần khởi động lại $round")")
	id=$(it_list_field "$T/a.db" "$uuid" id)
	dz_make "$T/f/$round-tờ-trình.pdf" pdf 400000
	dz_make "$T/f/$round-ảnh.jpg" jpeg 150000
	dz_attach "$T/a.db" "$id" "$uuid" "$T/f/$round-tờ-trình.pdf" "$T/f/$round-ảnh.jpg"
	seen=$(grep -cE "$CHUNK_RE" "$T/sangkiend.log" || true)
	(
		rc=0
		client "$T/a.db" sync --retries 6 --max-wait 2 >>"$T/client.log" 2>&1 || rc=$?
		echo "$rc" >"$T/sync.rc"
	) &
	sync_pid=$!
	it_wait_log_count "$T/sangkiend.log" "$CHUNK_RE" $((seen + 3)) 30 ||
		it_fail "round $round: fewer than three chunks arrived"
	it_pg_restart "$mode" 0
	wait "$sync_pid" || true
	rc=$(cat "$T/sync.rc")
	kill -0 "$SK_SERVER_PID" 2>/dev/null || it_fail "round $round: sangkiend died (-m $mode)"
	case $rc in
	0) it_note "round $round (-m $mode): the sync completed by itself" ;;
	4) it_note "round $round (-m $mode): the sync gave up (4); rerunning"
	   it_sync_until_done "$T/a.db" 5 ;;
	*) it_fail "round $round (-m $mode): sync exited $rc (expected 0 or 4)" ;;
	esac
	it_store_intact "$T/a.db"
}
restart_mid_upload fast
restart_mid_upload immediate
dz_converged "$T/a.db" Q11-044
echo "ok"
