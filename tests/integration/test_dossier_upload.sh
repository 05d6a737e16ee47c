#!/usr/bin/env bash
# Dossiers on the server (PROTOCOL.md 10) through real sockets: a file sent
# in chunks, stopped and resumed from the server's offset, committed and
# checked; a chunk at the wrong offset refused; a chunk with changed bytes
# refused at the commit with nothing kept; files of the wrong type refused;
# the same file on two initiatives and from two units stored once; attach
# and detach under the rules of edits; one unit never reads, probes or
# attaches another's; operators read only inside their scope; abandoned
# uploads dropped by the sweep.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin dossier_upload

D=$SK_SOURCE_DIR/tests/data/dossier
it_config max_file_bytes=4000000 max_dossier_bytes=3500000 max_unit_uploads=3 \
	upload_abandon_s=5 upload_sweep_ms=200
it_server_start
it_operator
it_tree
A=$(it_credential Q11-027)
B=$(it_credential Q11-044)
dossier() { "$SK_DOSSIER" "$ADDR" "$@" 2>>"$T/dossier.err"; }
dreq() { dossier "$@" | grep -v "^hello "; } # the replies after the hello
sha() { sha256sum "$1" | cut -d' ' -f1; }
line() { grep -E "^$1( |$)" <<<"$2" | tail -n 1; }
submit() { # CRED UNIT: a new initiative; prints its uuid
	local u
	u=$(it_uuid7)
	[ "$(probe "$ADDR" hello 1 "$1" submit "$2" "$u" | sed -n 2p | cut -d" " -f3)" = ITEM_ACCEPTED ] ||
		it_fail "submit for $2"
	echo "$u"
}
kept_files() { # SHA: committed rows of the file
	it_psql "SELECT count(*) FROM dossier_files WHERE sha256 = decode(:'s', 'hex')
		 AND state = 'committed'" s="$1"
}
kept_digest() { # SHA: SHA-256 of the kept file's chunks, read back by PostgreSQL
	it_psql "SELECT encode(sha256(string_agg(c.data, ''::bytea ORDER BY c.off)), 'hex')
		 FROM dossier_files f JOIN dossier_chunks c ON c.file_id = f.id
		 WHERE f.sha256 = decode(:'s', 'hex') AND f.state = 'committed'" s="$1"
}

# A 3 MB PDF (the sample's bytes, then padding): many chunks.
{ cat "$D/to-trinh.pdf"; head -c 3000000 /dev/urandom; } >"$T/big.pdf"
BIG=$(sha "$T/big.pdf")
SIZE=$(stat -c %s "$T/big.pdf")

out=$(dossier "$A" upload "$T/big.pdf" pdf --chunk 100000 --stop-at 1000000)
it_eq "hello UNIT 4000000 3500000 1047552" "$(line hello "$out")" "limits in the hello"
it_eq "status start OK 0 $SIZE 0 pdf" "$(line 'status start' "$out")" "a new upload starts at 0"
it_eq "sent 1000000 10" "$(line sent "$out")" "ten chunks up to the stop"
it_eq 0 "$(kept_files "$BIG")" "nothing kept before the commit"

# Resume: the server says how much it holds; only the rest is sent.
out=$(dossier "$A" upload "$T/big.pdf" pdf --chunk 100000)
it_eq "status start OK 1000000 $SIZE 0 pdf" "$(line 'status start' "$out")" "resume offset"
it_eq "sent $((SIZE - 1000000)) 21" "$(line sent "$out")" "only the rest is sent"
it_eq "status commit OK $SIZE $SIZE 1 pdf" "$(line 'status commit' "$out")" "committed"
it_eq 1 "$(kept_files "$BIG")" "kept once"
it_eq "$BIG" "$(kept_digest "$BIG")" "the kept bytes have the file's hash"
# Again: committed already, nothing sent.
out=$(dossier "$A" upload "$T/big.pdf" pdf)
it_eq "status start OK $SIZE $SIZE 1 pdf" "$(line 'status start' "$out")" "start after the commit"
it_eq "sent 0 0" "$(line sent "$out")" "nothing sent again"
it_eq "status commit OK $SIZE $SIZE 1 pdf" "$(line 'status commit' "$out")" "commit again"
out=$(dreq "$A" start "$BIG" 5 pdf)
it_eq "error INVALID_ARGUMENT size" "$(line error "$out")" "a committed file with another size"

# A chunk at the wrong offset is refused with the server's offset and
# nothing stored; the client goes on from there.
cp "$D/anh-cai-tien.png" "$T/p.png"
head -c 300000 /dev/urandom >>"$T/p.png"
PNG=$(sha "$T/p.png")
out=$(dossier "$A" upload "$T/p.png" png --chunk 100000 --stop-at 200000)
it_eq "sent 200000 2" "$(line sent "$out")" "two chunks of the PNG"
out=$(dossier "$A" upload "$T/p.png" png --chunk 100000 --offset-delta -100000)
it_eq "status chunk WRONG_OFFSET 200000 $(stat -c %s "$T/p.png") 0 png" \
	"$(line 'status chunk' "$out")" "a resent chunk: wrong offset, the server's offset"
it_eq "status commit OK" "$(line 'status commit' "$out" | cut -d' ' -f1-3)" "then the rest"
it_eq "$PNG" "$(kept_digest "$PNG")" "the PNG has its hash"
out=$(dossier "$A" upload "$D/anh-cai-tien.jpg" jpeg --offset-delta 7)
it_eq "status chunk WRONG_OFFSET 0" "$(line 'status chunk' "$out" | cut -d' ' -f1-4)" \
	"a chunk ahead of the server's offset"
it_eq "status commit OK" "$(line 'status commit' "$out" | cut -d' ' -f1-3)" "then from 0"

# Changed bytes with the right length: refused at the commit, dropped.
cp "$D/to-trinh.pdf" "$T/c.pdf"
head -c 250000 /dev/urandom >>"$T/c.pdf"
C=$(sha "$T/c.pdf")
out=$(dossier "$A" upload "$T/c.pdf" pdf --chunk 100000 --corrupt-at 150000)
it_eq "status commit HASH_MISMATCH 0" "$(line 'status commit' "$out" | cut -d' ' -f1-4)" \
	"corrupted chunk refused at the commit"
it_eq 0 "$(kept_files "$C")" "nothing kept"
it_eq 0 "$(it_psql "SELECT count(*) FROM dossier_chunks c JOIN dossier_files f ON
	f.id = c.file_id WHERE f.sha256 = decode(:'s', 'hex')" s="$C")" "no byte of it stored"
out=$(dossier "$A" upload "$T/c.pdf" pdf --chunk 100000)
it_eq "status start OK 0" "$(line 'status start' "$out" | cut -d' ' -f1-4)" "starts again at 0"
it_eq "status commit OK" "$(line 'status commit' "$out" | cut -d' ' -f1-3)" "sent again: kept"

# The hash is taken as the chunks are stored (020_upload_hash): each file
# so far was hashed whole on its way in, across the resume and the resent
# chunks, so no commit read its bytes back.
it_eq 0 "$(it_psql "SELECT count(*) FROM dossier_files WHERE state = 'committed'
	AND hashed <> size")" "every kept file hashed as its chunks came"
hash_at() { # SHA: "hashed hex-state" of the unit's upload in progress
	it_psql "SELECT hashed || ' ' || coalesce(encode(hash_state, 'hex'), '-') FROM dossier_files
		 WHERE sha256 = decode(:'s', 'hex') AND state = 'uploading'" s="$1"
}
set_hash() { # SHA HASHED HEX-STATE|-: the state held for the upload
	it_psql "UPDATE dossier_files SET hashed = :'n'::bigint,
		 hash_state = CASE WHEN :'h' = '-' THEN NULL ELSE decode(:'h', 'hex') END
		 WHERE sha256 = decode(:'s', 'hex') AND state = 'uploading'" s="$1" n="$2" h="$3" >/dev/null
}
# A hash behind the bytes held (as for an upload begun before it was kept):
# the chunks after are stored unhashed and the commit hashes from there.
{ cat "$D/to-trinh.pdf"; head -c 400000 /dev/urandom; } >"$T/h.pdf"
H=$(sha "$T/h.pdf")
dossier "$A" upload "$T/h.pdf" pdf --chunk 100000 --stop-at 200000 >/dev/null
read -r n state <<<"$(hash_at "$H")"
it_eq 200000 "$n" "hashed as stored"
set_hash "$H" 0 -
dossier "$A" upload "$T/h.pdf" pdf --chunk 100000 --stop-at 300000 >/dev/null
it_eq "0 -" "$(hash_at "$H")" "no state: stored unhashed"
set_hash "$H" 200000 "$state"
out=$(dossier "$A" upload "$T/h.pdf" pdf --chunk 100000)
it_eq "status commit OK" "$(line 'status commit' "$out" | cut -d' ' -f1-3)" \
	"hashed at the commit from where the state stops"
it_eq "$H" "$(kept_digest "$H")" "kept with its hash"
it_eq 200000 "$(it_psql "SELECT hashed FROM dossier_files WHERE sha256 = decode(:'s', 'hex')
	AND state = 'committed'" s="$H")" "the bytes from 200000 on were read at the commit"
# The commit trusts the state held: one of other bytes gives a refusal (it
# is never made so but by the server, from the bytes it stores).
head -c 150000 /dev/urandom >>"$T/h.pdf"
H=$(sha "$T/h.pdf")
{ head -c 100000 /dev/urandom; cat "$T/h.pdf"; } >"$T/other.pdf"
dossier "$A" upload "$T/other.pdf" pdf --chunk 100000 --stop-at 100000 >/dev/null
dossier "$A" upload "$T/h.pdf" pdf --chunk 100000 --stop-at 100000 >/dev/null
set_hash "$H" 100000 "$(hash_at "$(sha "$T/other.pdf")" | cut -d' ' -f2)"
out=$(dossier "$A" upload "$T/h.pdf" pdf --chunk 100000)
it_eq "status commit HASH_MISMATCH 0" "$(line 'status commit' "$out" | cut -d' ' -f1-4)" \
	"a state of other bytes: refused, not kept"
it_eq 0 "$(kept_files "$H")" "nothing kept"

# Types by content, not by name or by what the client says.
for f in gia-mao.pdf not-accepted.txt not-accepted.zip not-accepted.ods not-accepted-both.docx; do
	out=$(dossier "$A" upload "$D/$f" pdf)
	it_eq "status commit TYPE_REFUSED 0" "$(line 'status commit' "$out" | cut -d' ' -f1-4)" \
		"$f refused"
	it_eq 0 "$(kept_files "$(sha "$D/$f")")" "$f not kept"
done
out=$(dossier "$A" upload "$D/anh-cai-tien.png" jpeg)
it_eq "status commit TYPE_REFUSED 0 290 0 png" "$(line 'status commit' "$out")" \
	"a PNG declared as JPEG"
for f in anh-cai-tien.webp bao-cao.docx bao-cao-streamed.docx bao-cao.odt hieu-qua.xlsx; do
	type=${f##*.}
	out=$(dossier "$A" upload "$D/$f" "$type")
	it_eq "status commit OK" "$(line 'status commit' "$out" | cut -d' ' -f1-3)" "$f kept"
done
out=$(dreq "$A" start "$BIG" 10 exe)
it_eq "error INVALID_ARGUMENT content_type" "$(line error "$out")" "unknown type"
out=$(dreq "$A" start "$BIG" 4000001 pdf)
it_eq "error LIMIT_EXCEEDED size" "$(line error "$out")" "over max_file_bytes"

# Attach under the rules of edits.
u1=$(submit "$A" Q11-027)
u2=$(submit "$A" Q11-027)
out=$(dreq "$A" attach "$u1" 1 "$BIG" "Tờ trình.pdf" "Tờ trình đề nghị công nhận")
it_eq "change 0 ACCEPTED 2 -" "$out" "attach"
out=$(dreq "$A" attach "$u1" 1 "$BIG" "Tờ trình.pdf" "Tờ trình đề nghị công nhận")
it_eq "change 0 DUPLICATE 2 -" "$out" "a resent attach, whatever its base version"
out=$(dreq "$A" attach "$u1" 1 "$PNG" "ảnh.png" -)
it_eq "change 0 CONFLICT 2 base_version" "$out" "attach made from an old version"
it_eq "change 0 ACCEPTED 3 -" "$(dreq "$A" attach "$u1" 0 "$PNG" "ảnh.png" -)" "base 0"
it_eq "change 0 LIMIT_EXCEEDED 0 file_sha256" "$(dreq "$A" attach "$u1" 0 "$C" c.pdf -)" \
	"the dossier would pass max_dossier_bytes"
it_eq "change 0 INVALID 0 file_name" "$(dreq "$A" attach "$u2" 0 "$PNG" "a/b.png" -)" \
	"a name with a slash"
it_eq "change 0 NOT_FOUND 0 file_sha256" \
	"$(dreq "$A" attach "$u2" 0 "$(sha "$D/gia-mao.pdf")" x.pdf -)" "a file never kept"
# The same file on a second initiative, and uploaded by a second unit: once.
it_eq "change 0 ACCEPTED 2 -" "$(dreq "$A" attach "$u2" 0 "$BIG" big.pdf -)" "second initiative"
v1=$(submit "$B" Q11-044)
# B learns nothing of A's upload: it must send every byte.
out=$(dreq "$B" start "$BIG" "$SIZE" pdf)
it_eq "status start OK 0 $SIZE 0 pdf" "$out" "another unit's file: upload it"
it_eq "change 0 NOT_FOUND 0 file_sha256" "$(dreq "$B" attach "$v1" 0 "$BIG" big.pdf -)" \
	"another unit's file cannot be attached"
out=$(dossier "$B" commit "$PNG")
it_eq "error NOT_FOUND sha256" "$(line error "$out")" "commit of another unit's upload"
out=$(dossier "$B" upload "$T/big.pdf" pdf)
it_eq "sent $SIZE" "$(line sent "$out" | cut -d' ' -f1-2)" "B sends every byte"
it_eq "status commit OK $SIZE $SIZE 1 pdf" "$(line 'status commit' "$out")" "B's commit"
it_eq 1 "$(kept_files "$BIG")" "kept once for both units"
it_eq "$SIZE" "$(it_psql "SELECT sum(length(c.data)) FROM dossier_chunks c JOIN dossier_files f
	ON f.id = c.file_id WHERE f.sha256 = decode(:'s', 'hex')" s="$BIG")" "its bytes once"
it_eq "change 0 ACCEPTED 2 -" "$(dreq "$B" attach "$v1" 0 "$BIG" big.pdf -)" "B attaches its copy"
it_eq "change 0 FORBIDDEN 0 uuid" "$(dreq "$B" attach "$u1" 0 "$BIG" big.pdf -)" \
	"B attaches to A's initiative"
it_eq "change 0 FORBIDDEN 0 uuid" "$(dreq "$B" detach "$u1" 0 "$BIG")" "B detaches from A's"
out=$(dossier "$B" list "$u1")
it_eq "error FORBIDDEN -" "$(line error "$out")" "a unit may not list dossiers"
out=$(dossier "$B" read "$u1" "$BIG" 0 0)
it_eq "error FORBIDDEN -" "$(line error "$out")" "a unit may not read files"

# Operators: inside their scope only.
out=$(dossier "$SANGKIEN_ADMIN_CREDENTIAL" list "$u1")
it_contains "$out" "attachment $BIG $SIZE pdf Tờ trình.pdf" "administrator lists"
it_eq "attachments_end 2" "$(line attachments_end "$out")" "two files on u1"
out=$(dossier "$SANGKIEN_ADMIN_CREDENTIAL" read "$u1" "$BIG" 0 100)
it_eq "file_chunk 0 100 $SIZE pdf" "$(line file_chunk "$out")" "the first bytes"
out=$(dossier "$SANGKIEN_ADMIN_CREDENTIAL" read "$u1" "$BIG" 1000000 5000)
it_eq "file_chunk 1000000 5000 $SIZE pdf" "$(line file_chunk "$out")" "a range of the file"
out=$(dossier "$SANGKIEN_ADMIN_CREDENTIAL" read "$u1" "$BIG" "$SIZE" 0)
it_eq "file_chunk $SIZE 0 $SIZE pdf" "$(line file_chunk "$out")" "the end"
out=$(dossier "$SANGKIEN_ADMIN_CREDENTIAL" read "$u1" "$BIG" $((SIZE + 1)) 0)
it_eq "error INVALID_ARGUMENT offset" "$(line error "$out")" "beyond the end"
out=$(dossier "$SANGKIEN_ADMIN_CREDENTIAL" read "$u1" "$C" 0 0)
it_eq "error NOT_FOUND sha256" "$(line error "$out")" "a file not on the initiative"
admin add-unit Q5 "Liên đoàn Lao động Quận 5" --level district --parent HCM >>"$T/admin.log"
Q5=$(admin credential create --role operator --scope Q5 --label "Văn phòng Q5" 2>>"$T/admin.log" |
	grep -oE 'skc1_[A-Za-z0-9_-]{43}')
for op in "list $u1" "read $u1 $BIG 0 0" "list $(it_uuid7)"; do
	# shellcheck disable=SC2086
	out=$(dossier "$Q5" $op)
	it_eq "error FORBIDDEN uuid" "$(line error "$out")" "Q5's operator: $op"
done

# Not while under review; detach as edits; the file stays.
probe "$ADDR" hello 1 "$SANGKIEN_ADMIN_CREDENTIAL" review "$u2" start 0 - >/dev/null
it_eq "change 0 NOT_EDITABLE 3 -" "$(dreq "$A" detach "$u2" 0 "$BIG")" "under review"
it_eq "change 0 NOT_EDITABLE 3 -" "$(dreq "$A" attach "$u2" 0 "$PNG" p.png -)" "under review"
it_eq "change 0 ACCEPTED 4 -" "$(dreq "$A" detach "$u1" 0 "$PNG")" "detach"
it_eq "change 0 DUPLICATE 4 -" "$(dreq "$A" detach "$u1" 0 "$PNG")" "a resent detach"
it_eq "change 0 NOT_FOUND 0 file_sha256" "$(dreq "$A" detach "$u1" 0 "$C")" "never attached"
it_eq 1 "$(kept_files "$PNG")" "the detached file stays"
it_eq "change 0 ACCEPTED 5 -" "$(dreq "$A" attach "$u1" 0 "$PNG" "ảnh lại.png" -)" "again"

# Every change and download in the audit trail.
audited() { # ACTION TABLE OPERATION
	it_psql "SELECT count(*) FROM audit_log WHERE action = :'a' AND table_name = :'t'
		 AND operation = :'o'" a="$1" t="$2" o="$3"
}
it_eq 5 "$(audited initiative.attach initiative_attachments insert)" "five attaches audited"
it_eq 5 "$(audited initiative.attach initiatives update)" "with their new versions"
it_eq 1 "$(audited initiative.detach initiative_attachments update)" "one detach audited"
it_eq 1 "$(audited attachment.download dossier_downloads insert)" "one download (offset 0)"

# At most max_unit_uploads uploads in progress per unit.
for i in 1 2 3; do
	it_eq "status start OK 0 10 0 pdf" "$(dreq "$B" start "$(printf '%064d' "$i")" 10 pdf)" \
		"upload $i of B in progress"
done
out=$(dreq "$B" start "$(printf '%064d' 4)" 10 pdf)
it_eq "error LIMIT_EXCEEDED sha256" "$(line error "$out")" "a fourth upload of B"

# Abandoned uploads are dropped by the sweep; the client then starts again.
head -c 300000 /dev/urandom | cat "$D/to-trinh.pdf" - >"$T/left.pdf"
LEFT=$(sha "$T/left.pdf")
dossier "$A" upload "$T/left.pdf" pdf --chunk 100000 --stop-at 100000 >/dev/null
it_eq 1 "$(it_psql "SELECT count(*) FROM dossier_files WHERE sha256 = decode(:'s', 'hex')" \
	s="$LEFT")" "an upload in progress"
for _ in $(seq 150); do
	[ "$(it_psql "SELECT count(*) FROM dossier_files WHERE sha256 = decode(:'s', 'hex')" \
		s="$LEFT")" = 0 ] && break
	sleep 0.1
done
it_eq 0 "$(it_psql "SELECT count(*) FROM dossier_files WHERE sha256 = decode(:'s', 'hex')" \
	s="$LEFT")" "dropped with its bytes within 15 s"
it_eq 0 "$(it_psql "SELECT count(*) FROM dossier_chunks c WHERE NOT EXISTS (SELECT 1 FROM
	dossier_files f WHERE f.id = c.file_id)")" "no chunk left behind"
it_wait_log "abandoned upload" 5
out=$(dossier "$A" commit "$LEFT")
it_eq "error NOT_FOUND sha256" "$(line error "$out")" "its commit: start again"
echo "ok"
