#!/usr/bin/env bash
# Dossiers end to end with the real programs: files attached offline (a
# Vietnamese name, the originals deleted afterwards, one file on two
# initiatives), sent by sync in several chunks each, kept once on the server
# with the right hash on the right initiatives; a file of the wrong type and
# one over the server's limit (learned from its hello) refused at attach
# with the limit said; a detach sent by the next sync; an attach the server
# refuses because review started is reported and kept, never silent.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/resume.sh"
. "$(dirname "$0")/../lib/dossier.sh"
it_begin dossier_sync

# Small frames make several chunks of small files; small limits are cheap
# to pass.
it_config max_frame_bytes=65536 max_file_bytes=300000 max_dossier_bytes=600000
it_server_start
it_operator
it_tree
it_enroll Q11-027 "$T/u.db"
U1=$(it_uuid_of "$(it_add "$T/u.db" "Cải tiến khuôn ép nhựa")")
U2=$(it_uuid_of "$(it_add "$T/u.db" "Sắp xếp lại kho vật tư")")
I1=$(it_list_field "$T/u.db" "$U1" id)
I2=$(it_list_field "$T/u.db" "$U2" id)

mkdir -p "$T/files"
dz_make "$T/files/Tờ trình số 1.pdf" pdf 150000
dz_make "$T/files/ảnh trước cải tiến.jpg" jpeg 70000
cp "$SK_SOURCE_DIR/tests/data/dossier/bao-cao.docx" "$T/files/Báo cáo hiệu quả.docx"
dz_attach "$T/u.db" "$I1" "$U1" "$T/files/Tờ trình số 1.pdf" "$T/files/ảnh trước cải tiến.jpg"
dz_attach "$T/u.db" "$I2" "$U2" "$T/files/Tờ trình số 1.pdf" "$T/files/Báo cáo hiệu quả.docx"
# Kept in the store: the originals may go.
rm -r "$T/files"
out=$(client "$T/u.db" show "$I1")
it_contains "$out" "Tờ trình số 1.pdf (PDF, 146,4 KB): chờ gửi" "show before sync"

# Named .pdf, is text: refused, nothing added.
rc=0
out=$(client "$T/u.db" attach "$I1" "$SK_SOURCE_DIR/tests/data/dossier/gia-mao.pdf" 2>&1) || rc=$?
it_eq 1 "$rc" "attach of a text file named .pdf"
it_contains "$out" "không thuộc loại được nhận" "wrong type refused"
it_eq 4 "$(sqlite3 "$T/u.db" 'SELECT count(*) FROM attachments')" "rows after the refusal"

out=$(client "$T/u.db" sync 2>&1) || it_fail "sync exited $?: $out"
it_contains "$out" "Tệp đính kèm: 4/4 đã gửi" "sync summary"
dz_converged "$T/u.db" Q11-027
# The shared file crossed once... in each of its uploads: the unit uploads
# it once, attaches it twice.
it_eq 3 "$(it_psql "SELECT count(*) FROM dossier_files")" "files on the server"
out=$(client "$T/u.db" show "$I2")
it_contains "$out" "Báo cáo hiệu quả.docx (Word (DOCX), 974 byte): đã gửi, có trên máy chủ" \
	"show after sync"

# The server's limits came with the hello: 300000 bytes a file.
dz_make "$T/big.pdf" pdf 350000
rc=0
out=$(client "$T/u.db" attach "$I1" "$T/big.pdf" 2>&1) || rc=$?
it_eq 1 "$rc" "attach over the server's limit"
it_contains "$out" "lớn hơn giới hạn 292,9 KB (300.000 byte)" "the limit in the message"

# A detach goes with the next sync.
dz_detach "$T/u.db" "$I1" "ảnh trước cải tiến.jpg"
it_status 0 it_client_logged "$T/u.db" sync
it_eq "$(LC_ALL=C sort "$T/dossier.tsv")" "$(dz_db_dossiers Q11-027 | LC_ALL=C sort)" \
	"dossiers after the detach"

# Review starts on the server; the unit, not knowing yet, attaches: the
# server refuses, the sync says so (exit 3) and the row keeps the reason.
admin review start "$U2" >>"$T/admin.log" 2>&1 || it_fail "review start"
dz_make "$T/late.png" png 5000
client "$T/u.db" attach "$I2" "$T/late.png" >>"$T/client.log" 2>&1 ||
	it_fail "attach before the client knows of the review"
rc=0
out=$(client "$T/u.db" sync 2>&1) || rc=$?
it_eq 3 "$rc" "sync with an attach the server refused"
it_contains "$out" "late.png" "the refused file named"
out=$(client "$T/u.db" show "$I2")
it_contains "$out" "late.png (ảnh PNG, 4,8 KB): máy chủ từ chối" "show of the refused file"
it_eq "$(LC_ALL=C sort "$T/dossier.tsv")" "$(dz_db_dossiers Q11-027 | LC_ALL=C sort)" \
	"nothing attached under review"
# Now the client knows: refused at once, offline.
rc=0
out=$(client "$T/u.db" attach "$I2" "$SK_SOURCE_DIR/tests/data/dossier/anh-cai-tien.webp" 2>&1) ||
	rc=$?
it_eq 1 "$rc" "attach to an initiative under review"
it_contains "$out" "không thay đổi được hồ sơ" "the rule said"

# The district's report: per unit, the initiatives with a complete dossier
# (at least one file attached now), counted apart from the database here.
want=$(it_psql "SELECT count(DISTINCT a.initiative_id) FROM initiative_attachments a
	JOIN initiatives i ON i.id = a.initiative_id JOIN units u ON u.id = i.unit_id
	WHERE u.code = 'Q11-027' AND a.detached_at IS NULL AND i.status <> 'withdrawn'")
[ "$want" -gt 0 ] || it_fail "no initiative of Q11-027 has a dossier"
admin report --scope Q11 --format csv --output "$T/report.csv" >>"$T/admin.log" 2>&1 ||
	it_fail "admin report"
got=$(tr -d '\r' <"$T/report.csv" | awk -F, '$1 == "Q11-027" { print $NF; exit }')
it_eq "$want" "$got" "complete dossiers of Q11-027 in the report"
got=$(tr -d '\r' <"$T/report.csv" | awk -F, '$1 == "Q11-044" { print $NF; exit }')
it_eq 0 "$got" "a unit without files"
echo "ok"
