#!/usr/bin/env bash
# Committed files attached to no initiative are removed by the dossiers'
# sweep after unattached_file_keep_s (PROTOCOL.md 10.7): a file detached
# and one never attached lose their bytes and the unit's right to attach
# them, an attached one stays whole; the removed file's history stays (a
# resent detach is still told apart), and attaching it again asks for an
# upload, which keeps it again.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin dossier_file_sweep

D=$SK_SOURCE_DIR/tests/data/dossier
it_config unattached_file_keep_s=5 upload_sweep_ms=200
it_server_start
it_operator
it_tree
A=$(it_credential Q11-027)
dossier() { "$SK_DOSSIER" "$ADDR" "$@" 2>>"$T/dossier.err"; }
dreq() { dossier "$@" | grep -v "^hello "; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
line() { grep -E "^$1( |$)" <<<"$2" | tail -n 1; }
state() { # SHA: the states of the file's rows, oldest first
	it_psql "SELECT string_agg(state, ' ' ORDER BY id) FROM dossier_files
		 WHERE sha256 = decode(:'s', 'hex')" s="$1"
}
bytes() { # SHA: bytes stored for the file's rows
	it_psql "SELECT coalesce(sum(length(c.data)), 0) FROM dossier_chunks c
		 JOIN dossier_files f ON f.id = c.file_id WHERE f.sha256 = decode(:'s', 'hex')" s="$1"
}
upload() { # FILE TYPE
	local out
	out=$(dossier "$A" upload "$1" "$2" --chunk 100000)
	it_eq "status commit OK" "$(line 'status commit' "$out" | cut -d' ' -f1-3)" "upload of $1"
}

u=$(it_uuid7)
[ "$(probe "$ADDR" hello 1 "$A" submit Q11-027 "$u" | sed -n 2p | cut -d" " -f3)" = ITEM_ACCEPTED ] ||
	it_fail "submit"
for f in kept gone never; do
	{ cat "$D/to-trinh.pdf"; head -c 250000 /dev/urandom; } >"$T/$f.pdf"
	upload "$T/$f.pdf" pdf
done
KEPT=$(sha "$T/kept.pdf") GONE=$(sha "$T/gone.pdf") NEVER=$(sha "$T/never.pdf")
it_eq "change 0 ACCEPTED 2 -" "$(dreq "$A" attach "$u" 0 "$KEPT" kept.pdf -)" "attach kept"
it_eq "change 0 ACCEPTED 3 -" "$(dreq "$A" attach "$u" 0 "$GONE" gone.pdf -)" "attach gone"
it_eq "change 0 ACCEPTED 4 -" "$(dreq "$A" detach "$u" 0 "$GONE")" "detach gone"
it_eq "committed committed committed" "$(state "$KEPT") $(state "$GONE") $(state "$NEVER")" \
	"all three kept while young"
# The sweep reads only the files attached nowhere (unattached_files, 021,
# kept as files are attached and detached): the two below are removed
# from there; the attached one has left it.
in_queue() { # SHA: 1 when the file is in the queue of unattached files
	it_psql "SELECT count(*) FROM unattached_files u JOIN dossier_files f ON f.id = u.file_id
		 WHERE f.sha256 = decode(:'s', 'hex')" s="$1"
}
it_eq 0 "$(in_queue "$KEPT")" "an attached file is not in the queue"

for _ in $(seq 150); do
	[ "$(state "$GONE") $(state "$NEVER")" = "removed removed" ] && break
	sleep 0.1
done
it_eq "removed removed" "$(state "$GONE") $(state "$NEVER")" "unattached files removed in 15 s"
it_eq committed "$(state "$KEPT")" "the attached file stays"
it_eq "$(stat -c %s "$T/kept.pdf")" "$(bytes "$KEPT")" "with all its bytes"
it_eq "0 0" "$(bytes "$GONE") $(bytes "$NEVER")" "the removed files' bytes are gone"
it_eq 0 "$(it_psql "SELECT count(*) FROM unit_files uf JOIN dossier_files f ON f.id = uf.file_id
	WHERE f.state = 'removed'")" "no unit may attach a removed file"
it_wait_log "attached to no initiative removed" 5

# Its history stays: a resent detach is a duplicate, not a file never seen.
it_eq "change 0 DUPLICATE 4 -" "$(dreq "$A" detach "$u" 0 "$GONE")" "a resent detach"
# Attached again: upload it first; then it is kept again, once.
it_eq "change 0 NOT_FOUND 0 file_sha256" "$(dreq "$A" attach "$u" 0 "$GONE" gone.pdf -)" \
	"attach of a removed file"
out=$(dreq "$A" start "$GONE" "$(stat -c %s "$T/gone.pdf")" pdf)
it_eq "status start OK 0" "$(line 'status start' "$out" | cut -d' ' -f1-4)" "uploaded from 0"
upload "$T/gone.pdf" pdf
it_eq "change 0 ACCEPTED 5 -" "$(dreq "$A" attach "$u" 0 "$GONE" gone.pdf -)" "attached again"
it_eq "removed committed" "$(state "$GONE")" "kept again as a new row"
it_eq "$(stat -c %s "$T/gone.pdf")" "$(bytes "$GONE")" "with its bytes"
sleep 1
it_eq "removed committed" "$(state "$GONE")" "attached, it stays"
it_eq 0 "$(it_psql "SELECT count(*) FROM unattached_files")" \
	"the queue is empty: removed or attached"
echo "ok"
