#!/usr/bin/env bash
# The operator reading and deciding from the terminal: initiatives named by
# a unique prefix of their uuid (an ambiguous or unknown one refused with
# the candidates named, nothing sent), `review show` printing the whole
# initiative (content, authors, notes, history, similar ones and the words
# their titles share) in Vietnamese with dd/mm/yyyy dates and local time,
# and the audit table in Vietnamese with the operator's label as the person
# and no bookkeeping.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin review_show
export TZ=Asia/Ho_Chi_Minh

it_server_start
it_operator
it_tree
OP=$(admin credential create --role operator --scope Q11 --label "Văn phòng LĐLĐ Quận 11" \
	2>/dev/null) || it_fail "credential create"
as_op() { SANGKIEN_ADMIN_CREDENTIAL=$OP admin "$@"; }
S1=$T/q11-027.db
it_enroll Q11-027 "$S1"
a=$(it_uuid_of "$(it_add "$S1" "Thay đèn LED tiết kiệm điện ở nhà xưởng")")
b=$(it_uuid_of "$(it_add "$S1" "Thay đèn LED tiết kiệm điện cho nhà xưởng số 2")")
it_status 0 client "$S1" sync

# uuid7 begins with the time: both share their first 8 characters.
[ "${a:0:8}" = "${b:0:8}" ] || it_note "the two uuids differ early: ${a:0:8} ${b:0:8}"
if [ "${a:0:8}" = "${b:0:8}" ]; then
	snap=$(it_db_snapshot)
	rc=0
	err=$(as_op review start "${a:0:8}" 2>&1) || rc=$?
	it_eq 3 "$rc" "exit status for an ambiguous prefix"
	it_contains "$err" "'${a:0:8}' là đầu mã của 2 sáng kiến" "ambiguity said"
	it_contains "$err" "$a (Thay đèn LED tiết kiệm điện ở nhà xưởng)" "a candidate named"
	it_eq "$snap" "$(it_db_snapshot)" "initiatives after an ambiguous prefix"
fi
rc=0
err=$(as_op review start ffffffff 2>&1) || rc=$?
it_eq 3 "$rc" "exit status for an unknown prefix"
it_contains "$err" "không có sáng kiến nào có mã bắt đầu bằng 'ffffffff'" "unknown prefix said"
it_status 2 as_op review start 0192abc   # 7 characters: too short
it_status 2 as_op review show "${a:0:7}"

# A unique prefix, in capitals: the part before the random tail.
pa=$(tr a-f A-F <<<"${a:0:23}")
out=$(as_op review start "$pa") || it_fail "review start with a prefix"
it_contains "$out" "$a: bắt đầu xem xét: xong" "started by prefix"
as_op review changes "${a:0:23}" --note "Bổ sung số liệu tiền điện
của 3 tháng sau khi thay." >/dev/null || it_fail "review changes with a prefix"

show=$(as_op review show "${a:0:23}") || it_fail "review show"
for text in "SÁNG KIẾN: Thay đèn LED tiết kiệm điện ở nhà xưởng" "$a" "Phường 1 (Q11-027)" \
	"Trạng thái:" "Cải tiến kỹ thuật" "Phục hồi sản xuất, kinh doanh" "15/04/2022" \
	"Số bản ghi: " "1. Trần Văn Đức — Tổ trưởng tổ bảo trì" "2. Lê Thị Ngọc Ánh" \
	"Thay bóng đèn cũ bằng đèn LED" "Giảm 30% tiền điện mỗi tháng." \
	"GHI CHÚ XEM XÉT (1)" "Văn phòng LĐLĐ Quận 11" "Bổ sung số liệu tiền điện" \
	"    của 3 tháng sau khi thay." "LỊCH SỬ" "Gửi sáng kiến" "Bắt đầu xét duyệt" \
	"Yêu cầu bổ sung, sửa" "SÁNG KIẾN TƯƠNG TỰ" "$b" \
	"Thay đèn LED tiết kiệm điện cho nhà xưởng số 2" \
	"chung: Thay, đèn, LED, tiết, kiệm, điện, nhà, xưởng" "giờ Việt Nam"; do
	it_contains "$show" "$text" "review show"
done
grep -qE '[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}' <<<"$show" || it_fail "no local time"
for raw in under_review needs_changes feed_seq content_sha256 initiative.review "2022-04-15"; do
	grep -qF "$raw" <<<"$show" && it_fail "review show prints '$raw': $show"
done

# The audit table: Vietnamese actions, the operator's label, the unit's
# device named by its unit; no bookkeeping fields.
table=$(as_op audit --initiative "${a:0:23}") || it_fail "audit with a prefix"
it_contains "$table" "Yêu cầu bổ sung, sửa" "action in Vietnamese"
it_contains "$table" "Văn phòng LĐLĐ Quận 11" "the operator as the person"
it_contains "$table" "người điều hành" "role in Vietnamese"
it_contains "$table" "Q11-027 (máy " "the unit's device named by its unit"
it_contains "$table" "trạng thái: Đang xét duyệt → " "status change in Vietnamese"
for raw in feed_seq initiative.review.request_changes under_review '"status"'; do
	grep -qF "$raw" <<<"$table" && it_fail "audit table prints '$raw': $table"
done
# Machines keep the codes.
as_op audit --initiative "$a" --format json | jq -e \
	'any(.[]; .action == "initiative.review.request_changes")' >/dev/null ||
	it_fail "audit JSON lost the action's code"
list=$(as_op review list --status needs_changes)
it_contains "$list" "15/04/2022" "review list shows dd/mm/yyyy"
tsv=$(as_op review list --status needs_changes --format tsv)
it_contains "$tsv" "needs_changes" "review list TSV keeps the codes"

# Naming one initiative asks the server for it, not for the whole scope:
# with more than a page (100) of initiatives, one page of one initiative.
{
	printf 'title\tkind\tauthors\tsummary\teffect\tapplied_on\ttheme\n'
	for i in $(seq 1 120); do
		printf 'Sổ giao ca số %d\tmanagement\tPhạm Quốc Việt|Tổ phó\tGhi giao ca.\tBớt giấy tờ.\t2022-06-01\tunion-work\n' "$i"
	done
} >"$T/many.tsv"
client "$S1" add --from-file "$T/many.tsv" >/dev/null || it_fail "add --from-file"
it_status 0 client "$S1" sync
from=$(wc -l <"$T/sangkiend.log")
as_op review show "${b:0:23}" >/dev/null || it_fail "review show among 122"
lists=$(tail -n +"$((from + 1))" "$T/sangkiend.log" | grep -c ' list_initiatives$' || true)
it_eq 1 "$lists" "list requests to find one initiative among 122"
# Entered in the same second, the 120 share their first 8 characters.
m=$(client "$S1" list --format tsv | awk -F'\t' '$4 == "Sổ giao ca số 1" { print $2 }')
rc=0
err=$(as_op review show "${m:0:8}" 2>&1) || rc=$?
it_eq 3 "$rc" "a prefix that begins many among 122"
it_contains "$err" "'${m:0:8}' là đầu mã của " "ambiguity among 122 said"
echo "ok"
