#!/usr/bin/env bash
# Reviewing in the district office's console (`sangkien-admin ui`, the
# Xét duyệt page) in Chromium against the real sangkiend and PostgreSQL:
# an initiative taken from the queue, read beside its similar one (the
# figure and the words in common shown), started and recognized with a
# decision number, date and signer, then commended; only the decisions its
# status allows offered at each step; the queue's filters and pages; a bulk send-back with one note whose per-item
# results show the one refused (its status moved meanwhile), the note
# reaching the union's store at its next sync; and District 11's operator
# seeing nothing of District 5 in the review pages, its decisions on
# District 5's initiatives refused by the server; the decision date's
# default the office's today, not the browser's.  Screenshots at 1366x768
# are kept in $SK_SCREENSHOTS.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
. "$(dirname "$0")/../lib/ui.sh"
. "$(dirname "$0")/../lib/browser.sh"
it_begin admin_review
export TZ=Asia/Ho_Chi_Minh

it_server_start
it_operator # the administrator of the whole tree
it_tree     # VN > HCM > Q11 {Q11-027 Phường 1, Q11-044 Bệnh Viện}
admin add-unit Q5 "Liên đoàn Lao động Quận 5" --level district --parent HCM \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q5"
printf '%s\n' 'stt,ma_don_vi,don_vi,so_phan_bo' '1,Q5-001,Chợ Kim Biên,3' >"$T/q5.csv"
admin import-units --parent Q5 "$T/q5.csv" >>"$T/admin.log" 2>&1 || it_fail "import Q5"
admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1|2021-09-01|2022-05-31" \
	--phase "P2|Giai đoạn 2|2022-06-01|2023-09-30" >>"$T/admin.log" 2>&1 ||
	it_fail "campaign put"

P1=$T/p1.db BV=$T/bv.db Q5S=$T/q5.db
it_enroll Q11-027 "$P1"
it_enroll Q11-044 "$BV"
it_enroll Q5-001 "$Q5S"
LED=$(it_uuid_of "$(it_add "$P1" "Thay đèn LED tiết kiệm điện ở nhà xưởng")")
LED2=$(it_uuid_of "$(it_add "$BV" "Thay đèn LED tiết kiệm điện cho nhà xưởng số 2")")
# District 5 has one just as similar: District 11 must never see it.
Q5LED=$(it_uuid_of "$(it_add "$Q5S" "Thay đèn LED tiết kiệm điện ở chợ Kim Biên")")
# Five more for the bulk send-back, entered from a file.
{
	printf 'title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme\n'
	for i in 1 2 3 4 5; do
		printf 'Sổ giao ca điện tử tổ %d\tmanagement\tPhạm Quốc Việt|Tổ phó\tGhi giao ca trên máy tính bảng, tổ %d.\tBớt giấy tờ.\t2022-06-%02d\tunion-work\n' \
			"$i" "$i" $((i + 1))
	done
} >"$T/batch.tsv"
client "$P1" add --from-file "$T/batch.tsv" >>"$T/client.log" 2>&1 || it_fail "add --from-file"
# LED's dossier: a PDF of several chunks and a photo, named in Vietnamese.
. "$(dirname "$0")/../lib/dossier.sh"
mkdir -p "$T/files"
dz_make "$T/files/Tờ trình đề nghị công nhận.pdf" pdf 2500000
dz_make "$T/files/ảnh hiện trường.png" png 40000
dz_attach "$P1" "$LED" "$LED" "$T/files/Tờ trình đề nghị công nhận.pdf" "$T/files/ảnh hiện trường.png"
DOSSIER=$(awk -F'\t' '{ print $2 "|" $3 }' "$T/dossier.tsv" | paste -sd ';')
for s in "$P1" "$BV" "$Q5S"; do client "$s" sync >>"$T/client.log" 2>&1 || it_fail "sync $s"; done
BULK=$(client "$P1" list --format tsv | awk -F'\t' '$4 ~ /^Sổ giao ca/ { print $2 }' | sort | tr '\n' ' ')
[ "$(wc -w <<<"$BULK")" -eq 5 ] || it_fail "five initiatives for the bulk decision: $BULK"
# They are under review already (started from the terminal).
# shellcheck disable=SC2086
admin review start $BULK >>"$T/admin.log" 2>&1 || it_fail "review start of the five"

Q11_CRED=$(admin credential create --role operator --scope Q11 --label "Văn phòng LĐLĐ Quận 11" \
	2>>"$T/admin.log") || it_fail "credential create Q11"

export SK_SCREENSHOTS=${SK_SCREENSHOTS:-$T/screenshots}
export LED LED2 Q5LED BULK DOSSIER
SANGKIEN_ADMIN_CREDENTIAL=$Q11_CRED it_console_start q11

# 1. From the queue to recognized (then commended), the similar one beside it.
it_browser admin_review.js recognize "$CONSOLE_URL" || it_fail "review to recognized in the browser"
it_eq rewarded "$(it_psql "SELECT status FROM initiatives WHERE uuid = :'u'" u="$LED")" \
	"the initiative's status on the server"
it_eq "12/QĐ-LĐLĐ|2022-05-20|Chủ tịch LĐLĐ Quận 11" \
	"$(it_psql "SELECT recognition_decision || '|' || recognition_date || '|' || recognized_by
		    FROM initiatives WHERE uuid = :'u'" u="$LED")" "the recognition on the server"
it_contains "$(admin audit --initiative "$LED" 2>&1)" "Văn phòng LĐLĐ Quận 11" \
	"the decisions are audited under the operator's credential"
it_eq "rewarded|Đề nghị đơn vị nhân rộng cách làm sang các xưởng khác." \
	"$(it_psql "SELECT i.status || '|' || n.body FROM initiatives i JOIN initiative_notes n
		    ON n.initiative_id = i.id WHERE i.uuid = :'u' ORDER BY n.id DESC LIMIT 1" u="$LED")" \
	"the note from the page on the server, the status unchanged"

# The dossier read and downloaded from the page, each file as the unit sent it.
it_browser admin_review.js dossier "$CONSOLE_URL" || it_fail "the dossier in the browser"
it_eq 2 "$(it_psql "SELECT count(*) FROM audit_log WHERE action = 'attachment.download'")" \
	"each download audited"

# 2. Bulk send-back; the union gets the note at its next sync.
it_browser admin_review.js bulk "$CONSOLE_URL" || it_fail "bulk send-back in the browser"
first=${BULK%% *}
refused=$(awk '{ print $5 }' <<<"$BULK")
for u in $BULK; do
	want=needs_changes
	[ "$u" = "$refused" ] && want=rejected
	it_eq "$want" "$(it_psql "SELECT status FROM initiatives WHERE uuid = :'u'" u="$u")" \
		"status of $u after the bulk send-back"
done
client "$P1" sync >>"$T/client.log" 2>&1 || it_fail "the union's sync after the send-back"
show=$(client "$P1" show "$first") || it_fail "sangkien show"
it_contains "$show" "Bổ sung ảnh chụp sổ giao ca và số giờ tiết kiệm mỗi tháng." \
	"the district's note in the union's store"
it_contains "$show" "Cần bổ sung, sửa đổi" "the status in the union's store"
it_contains "$(client "$P1" show "$LED")" "Đề nghị đơn vị nhân rộng cách làm sang các xưởng khác." \
	"the note from the page in the union's store"

# 3. District 11 sees nothing of District 5; decisions on it are refused.
it_browser admin_review.js isolation "$CONSOLE_URL" || it_fail "District 11 sees District 5"
it_eq submitted "$(it_psql "SELECT status FROM initiatives WHERE uuid = :'u'" u="$Q5LED")" \
	"District 5's initiative after District 11's attempts"
it_console_stop

# 4. A decision date's default is the office's today (the console's zone),
# whatever the browser's zone says.
OFFICE_TODAY="$(TZ=Pacific/Kiritimati date +%d/%m/%Y) $(TZ=Pacific/Kiritimati date -d '+10 min' +%d/%m/%Y)"
export OFFICE_TODAY
TZ=Pacific/Kiritimati SANGKIEN_ADMIN_CREDENTIAL=$Q11_CRED it_console_start kiritimati
it_browser admin_review.js today "$CONSOLE_URL" || it_fail "the decision date's default"
it_console_stop
it_note "screenshots in $SK_SCREENSHOTS"
echo "ok"
