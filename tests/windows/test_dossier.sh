#!/usr/bin/env bash
# Dossiers with the Windows sangkien.exe under Wine against the Linux
# sangkiend and PostgreSQL: files with Vietnamese names attached offline to
# initiatives of a store whose folder and name are Vietnamese (the copies
# kept in STORE.files, named by their SHA-256, the originals deleted), one
# file on two initiatives, a file of the wrong type refused; sync sends them
# in several chunks each and the server keeps each once with the right hash
# on the right initiatives (tests/lib/dossier.sh); a detach goes with the
# next sync.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/dossier.sh"
it_begin wine_dossier

# Small frames: several chunks for small files.
it_config max_frame_bytes=65536
it_server_start
it_operator
it_tree
mkdir -p "$T/Hồ sơ Phường 1"
S="$T/Hồ sơ Phường 1/kho sáng kiến.db"
it_enroll Q11-027 "$S"
U1=$(it_uuid_of "$(it_add "$S" "Cải tiến khuôn ép nhựa")")
U2=$(it_uuid_of "$(it_add "$S" "Sắp xếp lại kho vật tư")")
I1=$(it_list_field "$S" "$U1" id)
I2=$(it_list_field "$S" "$U2" id)
[ -n "$I1" ] && [ -n "$I2" ] || it_fail "the initiatives are not in the store"

mkdir -p "$T/Tài liệu gốc"
pdf="$T/Tài liệu gốc/Tờ trình số 1 – Phường 1.pdf"
jpg="$T/Tài liệu gốc/ảnh trước cải tiến.jpg"
docx="$T/Tài liệu gốc/Báo cáo hiệu quả.docx"
dz_make "$pdf" pdf 150000
dz_make "$jpg" jpeg 70000
cp "$SK_SOURCE_DIR/tests/data/dossier/bao-cao.docx" "$docx"
pdf_sha=$(dz_sha "$pdf")
dz_attach "$S" "$I1" "$U1" "$pdf" "$jpg"
dz_attach "$S" "$I2" "$U2" "$pdf" "$docx"
# The store's copies, one per content: the originals may go.
for f in "$pdf" "$jpg" "$docx"; do
	[ -f "$S.files/$(dz_sha "$f")" ] || it_fail "no copy of $(basename "$f") in $S.files"
done
it_eq 3 "$(find "$S.files" -type f | wc -l)" "files in the store's folder"
rm -r "$T/Tài liệu gốc"
out=$(client "$S" show "$I1") || it_fail "sangkien.exe show"
it_contains "$out" "Tờ trình số 1 – Phường 1.pdf (PDF, 146,4 KB): chờ gửi" "show before sync"

# Named .pdf, is text: refused, nothing added.
rc=0
out=$(client "$S" attach "$I1" "$SK_SOURCE_DIR/tests/data/dossier/gia-mao.pdf" 2>&1) || rc=$?
it_eq 1 "$rc" "attach of a text file named .pdf"
it_contains "$out" "không thuộc loại được nhận" "wrong type refused"
it_eq 4 "$(sqlite3 "file:$S?mode=ro" 'SELECT count(*) FROM attachments')" "rows after the refusal"

out=$(client "$S" sync 2>&1) || it_fail "sangkien.exe sync exited $?: $out"
it_contains "$out" "Tệp đính kèm: 4/4 đã gửi" "sync summary"
dz_converged "$S" Q11-027
it_eq 3 "$(it_psql "SELECT count(*) FROM dossier_files")" "files on the server"
it_eq "Tờ trình số 1 – Phường 1.pdf" "$(it_psql "SELECT DISTINCT a.file_name
	FROM initiative_attachments a JOIN dossier_files f ON f.id = a.file_id
	WHERE encode(f.sha256, 'hex') = :'h'" h="$pdf_sha")" "the PDF's name on the server"
out=$(client "$S" show "$I2") || it_fail "sangkien.exe show after sync"
it_contains "$out" "Báo cáo hiệu quả.docx (Word (DOCX), 974 byte): đã gửi, có trên máy chủ" \
	"show after sync"

# A detach goes with the next sync.
dz_detach "$S" "$I1" "ảnh trước cải tiến.jpg"
it_status 0 client "$S" sync
it_eq "$(LC_ALL=C sort "$T/dossier.tsv")" "$(dz_db_dossiers Q11-027 | LC_ALL=C sort)" \
	"dossiers after the detach"
echo "ok"
