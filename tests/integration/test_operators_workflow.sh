#!/usr/bin/env bash
# The operators' whole workflow with the real programs: the administrator
# sets up the tree, the campaign's phases and the targets; units enroll, add
# and sync; District 11's operator reviews (changes requested with a note
# that reaches the unit at its next sync, the unit edits and resends, then
# recognition and reward), rejects another; the unit withdraws one before
# review; illegal transitions are refused with a clear error; similar
# initiatives are found across diacritics and case; the audit trail names
# every change with its actor, before and after, and a typed day is read in
# the operator's zone as the times are shown.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin operators_workflow

it_server_start
it_operator
ADMIN_CRED=$SANGKIEN_ADMIN_CREDENTIAL
as_admin() { SANGKIEN_ADMIN_CREDENTIAL=$ADMIN_CRED admin "$@"; }
as_op() { SANGKIEN_ADMIN_CREDENTIAL=$OP_CRED admin "$@"; }
OP_LABEL="Văn phòng LĐLĐ Quận 11"

db_status() { it_psql "SELECT status FROM initiatives WHERE uuid = :'u'::uuid" u="$1"; }
db_version() { it_psql "SELECT version FROM initiatives WHERE uuid = :'u'::uuid" u="$1"; }

# ---------------------------------------------------------------------------
it_note "the administrator sets up the tree, the campaign and the targets"
it_tree # VN > HCM > Q11 > {Q11-027 Phường 1, Q11-044 Bệnh Viện}
it_status 0 as_admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1 (đến Tháng Công nhân)|2021-09-01|2022-05-31" \
	--phase "P2|Giai đoạn 2|2022-06-01|2023-09-30"
it_eq "P1|Giai đoạn 1 (đến Tháng Công nhân)|2021-09-01|2022-05-31
P2|Giai đoạn 2|2022-06-01|2023-09-30" \
	"$(it_psql "SELECT p.code || '|' || p.name || '|' || p.starts_on || '|' || p.ends_on
		    FROM phases p JOIN campaigns k ON k.id = p.campaign_id
		    WHERE k.code = 'MTSK' AND k.is_current ORDER BY p.starts_on")" "stored phases"
it_status 0 as_admin target set Q11 1000
it_status 0 as_admin target set Q11 200 --phase P1
it_status 0 as_admin target set Q11 800 --phase P2
out=$(as_admin credential create --role operator --scope Q11 --label "$OP_LABEL") ||
	it_fail "credential create for Q11"
OP_CRED=$(grep -oE 'skc1_[A-Za-z0-9_-]{43}' <<<"$out" | head -n 1)
[ -n "$OP_CRED" ] || it_fail "credential create printed no credential: $out"
it_status 0 as_op target set Q11-027 2 --phase P1
it_status 0 as_op target set Q11-044 3 --phase P2
it_eq "Q11|1000|P1=200,P2=800
Q11-027|2|P1=2
Q11-044|5|P2=3" "$(it_psql "SELECT u.code || '|' || coalesce(q.quota::text, '-') || '|' ||
		coalesce((SELECT string_agg(p.code || '=' || t.target, ',' ORDER BY p.code)
			  FROM phase_targets t JOIN phases p ON p.id = t.phase_id
			  WHERE t.unit_id = u.id), '')
	FROM units u LEFT JOIN quotas q ON q.unit_id = u.id
	WHERE u.code LIKE 'Q11%' ORDER BY u.code")" "targets"

# ---------------------------------------------------------------------------
it_note "units enroll, add offline and sync"
S27=$T/q11-027.db
S44=$T/q11-044.db
it_enroll Q11-027 "$S27"
it_enroll Q11-044 "$S44"
add() { # STORE TITLE APPLIED_ON: prints the uuid
	local out
	out=$(client "$1" add --title "$2" --kind management \
		--author "Nguyễn Thị Thu Hà|Chủ tịch công đoàn" \
		--summary "Chuyển sổ giấy sang bảng tính dùng chung cho cả phường." \
		--effect "Tiết kiệm 10 giờ công mỗi tháng." --applied-on "$3" \
		--theme admin-reform) || it_fail "sangkien add '$2'"
	it_uuid_of "$out"
}
U1=$(add "$S27" "Số hóa sổ theo dõi đoàn viên" 2022-03-16)
U2=$(add "$S27" "Tủ thuốc dùng chung ở tổ dân phố" 2022-07-01)
U3=$(add "$S44" "Phân luồng bệnh nhân bằng phiếu màu" 2022-02-10)
U4=$(add "$S44" "SO HOA SO THEO DOI DOAN VIEN" 2023-01-05)
for u in "$U1" "$U2" "$U3" "$U4"; do [ -n "$u" ] || it_fail "add printed no uuid"; done
it_status 0 client "$S27" sync
it_status 0 client "$S44" sync
for u in "$U1" "$U2" "$U3" "$U4"; do
	it_eq submitted "$(db_status "$u")" "status of $u after sync"
done
out=$(as_op review list --format tsv) || it_fail "review list"
for u in "$U1" "$U2" "$U3" "$U4"; do it_contains "$out" "$u" "review list"; done

# The unit withdraws U3 before any review.
it_status 0 client "$S44" withdraw "$U3" --reason "Nộp nhầm, sẽ gửi lại bản đầy đủ."
it_status 0 client "$S44" sync
it_eq withdrawn "$(db_status "$U3")" "U3 after the unit's withdrawal"

# ---------------------------------------------------------------------------
it_note "review: changes requested, the unit edits, recognized, rewarded"
NOTE1="Đề nghị bổ sung số liệu: số giờ công tiết kiệm được đo thế nào?"
it_status 0 as_op review start "$U1"
it_eq under_review "$(db_status "$U1")" "U1 after start"
it_status 0 as_op review changes "$U1" --note "$NOTE1"
it_eq needs_changes "$(db_status "$U1")" "U1 after changes requested"
it_eq "$NOTE1" "$(it_psql "SELECT n.body FROM initiative_notes n JOIN initiatives i
			   ON i.id = n.initiative_id WHERE i.uuid = :'u'::uuid
			   ORDER BY n.id DESC LIMIT 1" u="$U1")" "stored note"
# Before the unit syncs, its client knows nothing of the note.
out=$(client "$S27" show "$U1") || it_fail "sangkien show before sync"
grep -qF "$NOTE1" <<<"$out" && it_fail "the note is on the unit's disk before any sync"
it_status 0 client "$S27" sync
out=$(client "$S27" show "$U1") || it_fail "sangkien show after sync"
it_contains "$out" "$NOTE1" "the unit's view of U1 after sync"
it_contains "$out" "$OP_LABEL" "the note's author in the unit's view"
# The unit edits offline and resends.
NEW_SUMMARY="Chuyển sổ giấy sang bảng tính dùng chung; đo giờ công bằng bảng chấm công 3 tháng."
it_status 0 client "$S27" edit "$U1" --summary "$NEW_SUMMARY"
v_before=$(db_version "$U1")
it_status 0 client "$S27" sync
it_eq "$NEW_SUMMARY" "$(it_db_field "$U1" summary)" "U1's summary after the edit"
it_eq submitted "$(db_status "$U1")" "U1 after the unit's edit"
it_eq $((v_before + 1)) "$(db_version "$U1")" "U1's version after the edit"
it_status 0 as_op review start "$U1"
# The decision date as the office writes it; stored as the date it is.
it_status 0 as_op review recognize "$U1" --decision "15/QĐ-UBND" --date 10/08/2022 \
	--by "Chủ tịch UBND Phường 1"
it_eq "recognized|15/QĐ-UBND|2022-08-10|Chủ tịch UBND Phường 1" \
	"$(it_psql "SELECT status || '|' || recognition_decision || '|' || recognition_date || '|' ||
		    recognized_by FROM initiatives WHERE uuid = :'u'::uuid" u="$U1")" "U1 recognized"
it_status 0 as_op review reward "$U1" --kind reward --level "Quận" --decision "88/QĐ-LĐLĐ" \
	--date 2022-09-02 --amount 1500000
it_eq "rewarded|reward|Quận|88/QĐ-LĐLĐ|2022-09-02|1500000" \
	"$(it_psql "SELECT status || '|' || reward_kind || '|' || reward_level || '|' ||
		    reward_decision || '|' || reward_date || '|' || reward_amount_vnd
		    FROM initiatives WHERE uuid = :'u'::uuid" u="$U1")" "U1 rewarded"

# Another one rejected, with its reason.
REASON="Trùng với sáng kiến đã được công nhận năm 2021."
it_status 0 as_op review start "$U2"
it_status 0 as_op review reject "$U2" --reason "$REASON"
it_eq rejected "$(db_status "$U2")" "U2 after reject"

# Outcomes reach the units at their next sync.
it_status 0 client "$S27" sync
out=$(client "$S27" show "$U1") || it_fail "show U1"
it_contains "$out" "15/QĐ-UBND" "recognition decision in the unit's view"
it_contains "$out" "88/QĐ-LĐLĐ" "reward decision in the unit's view"
out=$(client "$S27" show "$U2") || it_fail "show U2"
it_contains "$out" "$REASON" "rejection reason in the unit's view"

# ---------------------------------------------------------------------------
it_note "illegal transitions are refused and change nothing"
illegal() { # WHAT CMD...
	local what=$1 before rc=0
	shift
	before=$(it_db_digest)
	"$@" >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" -ne 0 ] || it_fail "$what: accepted (stdout: $(cat "$T/out"))"
	[ -s "$T/err" ] || it_fail "$what: refused without a message"
	it_eq "$before" "$(it_db_digest)" "database after '$what'"
	cat "$T/err"
}
msg=$(illegal "recognize a submitted initiative" as_op review recognize "$U4" \
	--decision "1/QĐ" --date 2023-02-01 --by "Giám đốc")
grep -qF "$U4" <<<"$msg" || it_fail "the error does not name the initiative: $msg"
illegal "reward a rejected initiative" as_op review reward "$U2" --kind commendation \
	--level "Quận" --decision "2/QĐ" --date 2023-02-01 >/dev/null
illegal "start a withdrawn initiative" as_op review start "$U3" >/dev/null
illegal "request changes on a rewarded initiative" as_op review changes "$U1" --note "x" >/dev/null
# On the wire: ITEM_NOT_EDITABLE with the current version, one per action.
out=$(probe "$ADDR" hello 1 "$OP_CRED" review "$U4" recognize 0 - review "$U2" reward 0 - \
	review "$U3" start 0 - review "$U1" start 0 -)
it_eq "change 0 ITEM_NOT_EDITABLE $(db_version "$U4")
change 0 ITEM_NOT_EDITABLE $(db_version "$U2")
change 0 ITEM_NOT_EDITABLE $(db_version "$U3")
change 0 ITEM_NOT_EDITABLE $(db_version "$U1")" "$(sed 1d <<<"$out")" "illegal transitions on the wire"
it_eq "rewarded rejected withdrawn submitted" \
	"$(db_status "$U1") $(db_status "$U2") $(db_status "$U3") $(db_status "$U4")" \
	"statuses after the illegal attempts"

# ---------------------------------------------------------------------------
it_note "similar initiatives across diacritics and case"
out=$(as_op review similar "$U1") || it_fail "review similar"
it_contains "$out" "$U4" "initiatives similar to U1"
grep -qF "$U3" <<<"$out" && it_fail "an unrelated initiative listed as similar: $out"
out=$(probe "$ADDR" hello 1 "$OP_CRED" similar "$U4" 0)
grep -qE "^similar $U1 Q11-027 [0-9]+$" <<<"$out" || it_fail "raw similar of U4: $out"
pct=$(awk -v u="$U1" '$1 == "similar" && $2 == u { print $4 }' <<<"$out")
[ "$pct" -ge 50 ] || it_fail "similarity of the near-duplicate is only $pct%"

# ---------------------------------------------------------------------------
it_note "the audit trail"
# Every status change of U1, in order, with who made it, from the operator
# client's JSON.
as_op audit --initiative "$U1" --format json >"$T/audit.json" || it_fail "audit --initiative"
# Entries about the initiative's own row (notes are rows of their own) that
# change its status, as actor|action|before|after.
trail=$(jq -r '.[] | {actor, action, b: (if .before == "" then {} else (.before | fromjson) end),
		a: (if .after == "" then {} else (.after | fromjson) end)}
	| select(.a | has("title")) | select(.b.status != .a.status)
	| [.actor, .action, (.b.status // "-"), .a.status] | join("|")' "$T/audit.json")
unit_label=$(it_psql "SELECT label FROM credentials WHERE role = 'unit' AND unit_id =
			(SELECT id FROM units WHERE code = 'Q11-027') ORDER BY id LIMIT 1")
# Actions are named by the server; check actor and before -> after of each.
it_eq "$unit_label|-|submitted
$OP_LABEL|submitted|under_review
$OP_LABEL|under_review|needs_changes
$unit_label|needs_changes|submitted
$OP_LABEL|submitted|under_review
$OP_LABEL|under_review|recognized
$OP_LABEL|recognized|rewarded" "$(awk -F'|' '{ print $1 "|" $3 "|" $4 }' <<<"$trail")" \
	"U1's audit trail (actor|before|after)"
# The note itself is in the trail too, with its text.
jq -e --arg n "$NOTE1" 'any(.[]; .after | contains($n))' "$T/audit.json" \
	>/dev/null || it_fail "the review note is not in the audit trail"
# The trail as the database has it agrees in length (nothing hidden).
it_eq "$(it_psql "SELECT count(*) FROM audit_log a JOIN initiatives i ON i.id = a.initiative_id
		  WHERE i.uuid = :'u'::uuid" u="$U1")" \
	"$(jq 'length' "$T/audit.json")" \
	"entries of U1 in the audit"
# Operator actions by actor.
out=$(as_op audit --actor "$OP_LABEL" --format tsv) || it_fail "audit --actor"
it_contains "$out" "$U2" "the operator's actions"
grep -qF "$U3" <<<"$out" && it_fail "the unit's withdrawal attributed to the operator: $out"
# A typed day is the day the trail shows, in the operator's zone: U1's
# submission moved to 31/05/2022 20:30 UTC is on 31/05 in Berlin (22:30)
# and on 01/06 in Vietnam (03:30).
first=$(it_psql "SELECT min(a.id) FROM audit_log a JOIN initiatives i ON i.id = a.initiative_id
		 WHERE i.uuid = :'u'::uuid" u="$U1")
it_psql "UPDATE audit_log SET at = '2022-05-31 20:30:00+00' WHERE id = :'i'" i="$first" >/dev/null
day_rows() { # ZONE DAY: the times of U1's entries on that day, as the trail shows them
	TZ=$1 as_op audit --initiative "$U1" --since "$2" --until "$2" --format tsv |
		awk -F'\t' -v u="$U1" '$7 == u { print $2 }'
}
it_eq "2022-05-31 22:30" "$(day_rows Europe/Berlin 31/05/2022)" "31/05/2022 in Berlin"
it_eq "" "$(day_rows Europe/Berlin 01/06/2022)" "01/06/2022 in Berlin"
it_eq "2022-06-01 03:30" "$(day_rows Asia/Ho_Chi_Minh 01/06/2022)" "01/06/2022 in Vietnam"
it_eq "" "$(day_rows Asia/Ho_Chi_Minh 31/05/2022)" "31/05/2022 in Vietnam"

# The report reflects the outcome (withdrawn not counted, rewarded counts as
# recognized).
as_op report --format json >"$T/report.json" || it_fail "report"
it_eq "3 1" "$(jq -r '[.units[].submitted] | add | tostring' "$T/report.json") $(jq -r \
	'[.units[].recognized] | add | tostring' "$T/report.json")" "report totals"
echo "ok"
