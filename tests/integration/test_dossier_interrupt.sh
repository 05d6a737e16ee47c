#!/usr/bin/env bash
# Uploads interrupted on the server's side: sangkiend SIGKILLed in the
# middle of a file, PostgreSQL restarted (fast, then a crash: -m immediate)
# in the middle of another.  What the server says it holds is exactly what
# its chunks hold; the rerun resumes from there (never from 0 when bytes
# were stored), the commit checks the whole hash, and each file is kept
# once with the right bytes.  A crash right after the replies loses no
# chunk answered and no file committed.  Runs on a PostgreSQL cluster of
# its own.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
it_begin dossier_interrupt
it_private_pg

it_server_start
it_operator
it_tree
A=$(it_credential Q11-027)
D=$SK_SOURCE_DIR/tests/data/dossier
dossier() { "$SK_DOSSIER" "$ADDR" "$A" "$@" 2>>"$T/dossier.err"; }
line() { grep -E "^$1( |$)" <<<"$2" | tail -n 1; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
held() { # SHA: "received chunk_bytes" of the unit's upload in progress
	it_psql "SELECT f.received || ' ' || coalesce(sum(length(c.data)), 0)
		 FROM dossier_files f LEFT JOIN dossier_chunks c ON c.file_id = f.id
		 WHERE f.sha256 = decode(:'s', 'hex') AND f.state = 'uploading'
		 GROUP BY f.id, f.received" s="$1"
}
kept_digest() { # SHA
	it_psql "SELECT count(DISTINCT f.id) || ' ' ||
		 encode(sha256(string_agg(c.data, ''::bytea ORDER BY c.off)), 'hex')
		 FROM dossier_files f JOIN dossier_chunks c ON c.file_id = f.id
		 WHERE f.sha256 = decode(:'s', 'hex') AND f.state = 'committed'" s="$1"
}
# upload_in_background FILE: slow chunks, so the interruption lands inside.
upload_in_background() {
	rm -f "$T/first"
	("$SK_DOSSIER" "$ADDR" "$A" upload "$1" pdf --chunk 65536 --delay-ms 15 \
		--touch "$T/first" >"$T/bg.out" 2>>"$T/dossier.err" || true) &
	BG=$!
	sk_wait_path "$T/first" 20 || it_fail "the upload never stored a chunk"
	sleep 0.3
}
# resume FILE: rerun until the server answers (the database may still be
# coming back); the start's offset and the commit's outcome.
resume() {
	local out i
	for i in $(seq 40); do
		out=$(dossier upload "$1" pdf --chunk 65536)
		if [ -n "$(line 'status commit' "$out")" ]; then
			echo "$out"
			return 0
		fi
		sleep 0.25
	done
	it_fail "the upload of $1 never finished: $out"
}

# 1. The server is killed in the middle of a file.
{ cat "$D/to-trinh.pdf"; head -c 4000000 /dev/urandom; } >"$T/one.pdf"
ONE=$(sha "$T/one.pdf")
SIZE1=$(stat -c %s "$T/one.pdf")
upload_in_background "$T/one.pdf"
it_server_kill9
wait "$BG" || true
read -r received chunk_bytes <<<"$(held "$ONE")"
it_eq "$received" "$chunk_bytes" "after SIGKILL the offset is what the chunks hold"
[ "$received" -gt 0 ] && [ "$received" -lt "$SIZE1" ] ||
	it_fail "the kill did not land inside the upload (held $received of $SIZE1)"
it_server_start "$PORT"
out=$(resume "$T/one.pdf")
it_eq "status start OK $received $SIZE1 0 pdf" "$(line 'status start' "$out")" \
	"resumed from the server's offset"
it_eq "sent $((SIZE1 - received))" "$(line sent "$out" | cut -d' ' -f1-2)" "only the rest sent"
it_eq "status commit OK $SIZE1 $SIZE1 1 pdf" "$(line 'status commit' "$out")" "committed"
it_eq "1 $ONE" "$(kept_digest "$ONE")" "kept once with its hash"

# 2. PostgreSQL restarted in the middle of a file: fast, then a crash.
n=0
for mode in fast immediate; do
	n=$((n + 1))
	{ cat "$D/to-trinh.pdf"; head -c 3000000 /dev/urandom; } >"$T/f$n.pdf"
	F=$(sha "$T/f$n.pdf")
	SIZE=$(stat -c %s "$T/f$n.pdf")
	upload_in_background "$T/f$n.pdf"
	it_pg_restart "$mode" 1
	wait "$BG" || true
	read -r received chunk_bytes <<<"$(held "$F")"
	it_eq "$received" "$chunk_bytes" "pg $mode: the offset is what the chunks hold"
	[ "$received" -gt 0 ] && [ "$received" -lt "$SIZE" ] ||
		it_fail "pg $mode: the restart did not land inside the upload (held $received of $SIZE)"
	out=$(resume "$T/f$n.pdf")
	it_eq "status start OK $received $SIZE 0 pdf" "$(line 'status start' "$out")" \
		"pg $mode: resumed from the server's offset"
	it_eq "status commit OK $SIZE $SIZE 1 pdf" "$(line 'status commit' "$out")" \
		"pg $mode: committed"
	it_eq "1 $F" "$(kept_digest "$F")" "pg $mode: kept once with its hash"
done
# 3. PostgreSQL crashes right after its replies: every chunk answered is
# kept (PROTOCOL.md 10.3: durable when the reply comes), so the rerun sends
# nothing more and commits; a file answered committed survives the crash.
{ cat "$D/to-trinh.pdf"; head -c 3000000 /dev/urandom; } >"$T/f3.pdf"
F=$(sha "$T/f3.pdf")
SIZE=$(stat -c %s "$T/f3.pdf")
out=$(dossier upload "$T/f3.pdf" pdf --chunk 65536 --no-commit)
it_eq "$SIZE" "$(line sent "$out" | cut -d' ' -f2)" "every chunk answered before the crash"
it_pg_restart immediate 0
it_eq "$SIZE $SIZE" "$(held "$F")" "crash after the replies: every byte answered is held"
out=$(resume "$T/f3.pdf")
it_eq "status start OK $SIZE $SIZE 0 pdf" "$(line 'status start' "$out")" \
	"crash after the replies: resumed from the server's offset"
it_eq "sent 0" "$(line sent "$out" | cut -d' ' -f1-2)" "crash after the replies: nothing sent again"
it_eq "status commit OK $SIZE $SIZE 1 pdf" "$(line 'status commit' "$out")" \
	"crash after the replies: committed"
it_eq "1 $F" "$(kept_digest "$F")" "crash after the replies: kept once with its hash"
{ cat "$D/to-trinh.pdf"; head -c 2000000 /dev/urandom; } >"$T/f4.pdf"
F=$(sha "$T/f4.pdf")
SIZE=$(stat -c %s "$T/f4.pdf")
out=$(dossier upload "$T/f4.pdf" pdf --chunk 65536)
it_eq "status commit OK $SIZE $SIZE 1 pdf" "$(line 'status commit' "$out")" \
	"committed before the crash"
it_pg_restart immediate 0
for _ in $(seq 40); do
	out=$(dossier start "$F" "$SIZE" pdf || true)
	[ -n "$(line 'status start' "$out")" ] && break
	sleep 0.25
done
it_eq "status start OK $SIZE $SIZE 1 pdf" "$(line 'status start' "$out")" \
	"a commit answered is kept through the crash"
it_eq "1 $F" "$(kept_digest "$F")" "the committed file kept once with its hash after the crash"

it_eq 0 "$(it_psql "SELECT count(*) FROM dossier_files WHERE state = 'uploading'")" \
	"no upload left in progress"
it_eq 5 "$(it_psql "SELECT count(*) FROM dossier_files")" "five files, each once"
echo "ok"
