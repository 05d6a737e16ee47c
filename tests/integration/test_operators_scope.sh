#!/usr/bin/env bash
# Scope enforcement for every operator request: District 10's operator can
# neither see nor touch District 11 (refused, and the database is unchanged,
# table by table), while District 11's operator succeeds on the same; a
# unit's credential is refused for every operator request.  Operators are
# made through the protocol (administrator -> `credential create`).
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin operators_scope

it_server_start
it_operator # the administrator of the whole tree
ADMIN_CRED=$SANGKIEN_ADMIN_CREDENTIAL

as_admin() { SANGKIEN_ADMIN_CREDENTIAL=$ADMIN_CRED admin "$@"; }
as_q11() { SANGKIEN_ADMIN_CREDENTIAL=$Q11_CRED admin "$@"; }
as_q10() { SANGKIEN_ADMIN_CREDENTIAL=$Q10_CRED admin "$@"; }
ALL=submitted,under_review,needs_changes,recognized,rejected,rewarded,withdrawn


# refused WHAT CMD...: CMD (a Q10 operator's request about District 11)
# must exit 5 and change nothing in the database.
refused() {
	local what=$1 before after rc=0
	shift
	before=$(it_db_digest)
	"$@" >"$T/out" 2>"$T/err" || rc=$?
	after=$(it_db_digest)
	[ "$rc" -eq 5 ] || it_fail "$what: exit $rc, expected 5 (stdout: $(cat "$T/out"); stderr: $(cat "$T/err"))"
	[ "$before" = "$after" ] || it_fail "$what: the database changed although refused"
	[ -s "$T/err" ] || it_fail "$what: refused without a message on stderr"
}

# refused_items WHAT CMD...: a batch request whose items are refused one by
# one (ITEM_FORBIDDEN): any non-zero exit, nothing changed.
refused_items() {
	local what=$1 before after rc=0
	shift
	before=$(it_db_digest)
	"$@" >"$T/out" 2>"$T/err" || rc=$?
	after=$(it_db_digest)
	[ "$rc" -ne 0 ] || it_fail "$what: succeeded (stdout: $(cat "$T/out"))"
	[ "$before" = "$after" ] || it_fail "$what: the database changed although refused"
}

# no_q11 WHAT TEXT: TEXT names nothing of District 11 (codes, names, uuids).
no_q11() {
	local what=$1 text=$2 needle
	for needle in Q11 "Quận 11" "Phường 1" "Bệnh viện Quận 11" "${Q11_UUIDS[@]}" \
		"${Q11_TITLES[@]}"; do
		if grep -qF -- "$needle" <<<"$text"; then
			it_fail "$what: District 10's operator sees District 11's '$needle' in: $text"
		fi
	done
}

# ---------------------------------------------------------------------------
# The tree, built by the administrator: VN > HCM > {Q11, Q10}, two
# grassroots unions in each.
as_admin add-unit VN "Tổng Liên đoàn Lao động Việt Nam" --level national >>"$T/admin.log" 2>&1 ||
	it_fail "add-unit VN"
as_admin add-unit HCM "Liên đoàn Lao động TP. Hồ Chí Minh" --level province --parent VN \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit HCM"
as_admin add-unit Q11 "Liên đoàn Lao động Quận 11" --level district --parent HCM \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q11"
as_admin add-unit Q10 "Liên đoàn Lao động Quận Mười" --level district --parent HCM \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q10"
printf '%s\n' 'stt,ma_don_vi,don_vi,so_phan_bo' '1,Q11-001,Phường 1,4' \
	'2,Q11-002,Bệnh viện Quận 11,6' >"$T/q11.csv"
printf '%s\n' 'stt,ma_don_vi,don_vi,so_phan_bo' '1,Q10-001,Trường Tiểu học Hòa Bình,3' \
	'2,Q10-002,Chợ Nguyễn Tri Phương,2' >"$T/q10.csv"
as_admin import-units --parent Q11 "$T/q11.csv" >>"$T/admin.log" 2>&1 || it_fail "import Q11"
as_admin import-units --parent Q10 "$T/q10.csv" >>"$T/admin.log" 2>&1 || it_fail "import Q10"
it_status 0 as_admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1|2021-09-01|2022-05-31" --phase "P2|Giai đoạn 2|2022-06-01|2023-09-30"

# Operators made through the protocol by the administrator.
make_operator() { # SCOPE LABEL
	local out
	out=$(as_admin credential create --role operator --scope "$1" --label "$2") ||
		it_fail "credential create --scope $1"
	grep -oE 'skc1_[A-Za-z0-9_-]{43}' <<<"$out" | head -n 1
}
Q11_CRED=$(make_operator Q11 "Văn phòng LĐLĐ Quận 11")
Q10_CRED=$(make_operator Q10 "Văn phòng LĐLĐ Quận 10")
[ -n "$Q11_CRED" ] && [ -n "$Q10_CRED" ] || it_fail "credential create printed no credential"
it_eq "hello_reply OPERATOR Q10" "$(probe "$ADDR" hello 1 "$Q10_CRED" | head -n 1)" \
	"hello with the Q10 operator's credential"
it_eq "operator|Q10|Văn phòng LĐLĐ Quận 10" \
	"$(it_psql "SELECT c.role || '|' || u.code || '|' || c.label FROM credentials c
		    JOIN units u ON u.id = c.unit_id WHERE c.label LIKE '%Quận 10'")" \
	"the Q10 operator's stored credential"

# Initiatives of both districts, through the real unit client.
it_enroll Q11-001 "$T/q11-001.db"
it_enroll Q10-001 "$T/q10-001.db"
add_one() { # STORE TITLE: prints the new uuid
	local out
	out=$(client "$1" add --title "$2" --kind technical --author "Phạm Thị Lan|Kế toán" \
		--summary "Sắp xếp lại quy trình: $2." --effect "Giảm thời gian xử lý hồ sơ." \
		--applied-on 2022-03-10 --theme admin-reform) || it_fail "sangkien add '$2'"
	it_uuid_of "$out"
}
Q11_TITLES=("Số hóa hồ sơ đoàn viên phường" "Lịch trực cấp cứu điện tử"
	"Sổ tay an toàn lao động" "Kho thuốc theo mã vạch" "Bảng tin công đoàn trực tuyến")
Q11_UUIDS=()
for t in "${Q11_TITLES[@]}"; do
	Q11_UUIDS+=("$(add_one "$T/q11-001.db" "$t")")
done
Q10_UUID=$(add_one "$T/q10-001.db" "So hoa ho so doan vien phuong (Quận 10)")
it_status 0 client "$T/q11-001.db" sync
it_status 0 client "$T/q10-001.db" sync
U_A=${Q11_UUIDS[0]}  # submitted
U_B1=${Q11_UUIDS[1]} # under review (recognize)
U_B2=${Q11_UUIDS[2]} # under review (request changes)
U_B3=${Q11_UUIDS[3]} # under review (reject)
U_C=${Q11_UUIDS[4]}  # recognized (reward)
it_eq 5 "$(it_db_initiative_count Q11-001)" "Q11-001's initiatives on the server"

# The states the refused operations would need, set by District 11.
for u in "$U_B1" "$U_B2" "$U_B3" "$U_C"; do
	it_eq "change 0 ITEM_ACCEPTED 2" "$(probe "$ADDR" hello 1 "$Q11_CRED" review "$u" start 0 - |
		sed -n 2p)" "Q11 starts the review of $u"
done
it_eq "change 0 ITEM_ACCEPTED 3" "$(probe "$ADDR" hello 1 "$Q11_CRED" review "$U_C" recognize 0 - |
	sed -n 2p)" "Q11 recognizes $U_C"

# ---------------------------------------------------------------------------
# District 10's operator against District 11: refused, nothing written.
it_note "Q10's operator against District 11"
refused "add-unit below Q11" as_q10 add-unit Q11-099 "Công đoàn lạ" --level grassroots --parent Q11
refused "add-unit moving Q11-001 below Q10" \
	as_q10 add-unit Q11-001 "Phường 1" --level grassroots --parent Q10
refused "add-unit renaming Q11" as_q10 add-unit Q11 "Đổi tên" --level district --parent HCM
refused "import-units below Q11" as_q10 import-units --parent Q11 "$T/q10.csv"
refused "enroll Q11-001" as_q10 enroll Q11-001
refused "progress of Q11" as_q10 progress --scope Q11
refused "progress of Q11-001" as_q10 progress --scope Q11-001
refused "target set Q11-001" as_q10 target set Q11-001 9
refused "target set Q11-001 in P1" as_q10 target set Q11-001 9 --phase P1
refused "target set Q11" as_q10 target set Q11 900
printf '%s\n' 'ma_don_vi,chi_tieu,giai_doan' 'Q11-002,9,P2' >"$T/targets-q11.csv"
refused_items "target import naming Q11-002" as_q10 target import "$T/targets-q11.csv"
refused "review list of Q11" as_q10 review list --scope Q11
refused "report of Q11" as_q10 report --scope Q11 --format json
refused "report of Q11-001" as_q10 report --scope Q11-001 --format csv
refused "audit of Q11-001" as_q10 audit --unit Q11-001
refused "export of Q11" as_q10 export --scope Q11 --format csv
refused "export of Q11-001" as_q10 export --scope Q11-001 --format json
refused "credential for Q11" as_q10 credential create --role operator --scope Q11 --label "mạo danh"
refused "credential for Q11-002" \
	as_q10 credential create --role operator --scope Q11-002 --label "mạo danh"
refused "administrator credential" \
	as_q10 credential create --role administrator --label "mạo danh"
refused "similar to a Q11 initiative" as_q10 review similar "$U_A"
# Campaigns are the whole tree's: no district operator may change them.
refused "campaign put by Q10" as_q10 campaign put MTSK "Đổi tên" --counts-from 2021-09-01
refused "campaign put by Q11" as_q11 campaign put MTSK "Đổi tên" --counts-from 2021-09-01
# A code already used in District 11 cannot be taken into District 10.
before=$(it_db_digest)
printf '%s\n' 'stt,ma_don_vi,don_vi,so_phan_bo' '1,Q11-002,Bệnh viện chiếm mã,1' >"$T/steal.csv"
it_status 3 as_q10 import-units --parent Q10 "$T/steal.csv"
it_eq "$before" "$(it_db_digest)" "database after importing a District 11 code below Q10"

# Review operations, each in the state that would allow it to District 11.
refused_items "review start" as_q10 review start "$U_A"
refused_items "review note" as_q10 review note "$U_A" --text "Ghi chú lạ"
refused_items "review recognize" as_q10 review recognize "$U_B1" --decision "01/QĐ" \
	--date 2022-05-20 --by "Giám đốc"
refused_items "review changes" as_q10 review changes "$U_B2" --note "Bổ sung số liệu"
refused_items "review reject" as_q10 review reject "$U_B3" --reason "Không đạt"
refused_items "review reward" as_q10 review reward "$U_C" --kind reward --level "Quận" \
	--decision "02/QĐ" --date 2022-06-01 --amount 500000
# On the wire every one is ITEM_FORBIDDEN, like an initiative that does not
# exist: an operator cannot even learn that an initiative outside its
# scope exists.
out=$(probe "$ADDR" hello 1 "$Q10_CRED" review "$U_A" start 0 - review "$U_A" note 0 "Ghi chú" \
	review "$U_B1" recognize 0 - review "$U_B2" request-changes 0 "Bổ sung" \
	review "$U_B3" reject 0 "Không đạt" review "$U_C" reward 0 - \
	review 01890000-0000-7000-8000-000000000000 start 0 -)
it_eq "change 0 ITEM_FORBIDDEN 0
change 0 ITEM_FORBIDDEN 0
change 0 ITEM_FORBIDDEN 0
change 0 ITEM_FORBIDDEN 0
change 0 ITEM_FORBIDDEN 0
change 0 ITEM_FORBIDDEN 0
change 0 ITEM_FORBIDDEN 0" "$(sed 1d <<<"$out")" "Q10's review actions on the wire"

# Raw requests naming District 11 get FORBIDDEN.
out=$(probe "$ADDR" hello 1 "$Q10_CRED" op put-unit Q11 op import-units Q11 \
	op create-enrollment Q11-001 op progress Q11 op set-target Q11-001 op report Q11 \
	op put-campaign MTSK create-credential operator Q11 mạo-danh audit Q11-001 - - 0 \
	similar "$U_A" 0 list Q11 - 0 0)
it_eq "hello_reply OPERATOR Q10
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN" "$out" "Q10's raw requests about District 11"

# ---------------------------------------------------------------------------
# What District 10's operator sees of its own scope: nothing of District 11.
it_note "Q10's operator reads its own scope"
out=$(as_q10 progress --format tsv) || it_fail "Q10 progress"
it_contains "$out" "Q10-001" "Q10's progress"
no_q11 "progress" "$out"
out=$(as_q10 review list --status "$ALL") || it_fail "Q10 review list"
it_contains "$out" "$Q10_UUID" "Q10's review list"
no_q11 "review list" "$out"
out=$(as_q10 report --format json) || it_fail "Q10 report"
it_contains "$out" "Q10-002" "Q10's report"
no_q11 "report (json)" "$out"
out=$(as_q10 report --format csv) || it_fail "Q10 report csv"
no_q11 "report (csv)" "$out"
out=$(as_q10 export --format json) || it_fail "Q10 export"
it_contains "$out" "$Q10_UUID" "Q10's export"
no_q11 "export (json)" "$out"
out=$(as_q10 export --format csv) || it_fail "Q10 export csv"
no_q11 "export (csv)" "$out"
out=$(as_q10 audit --format tsv) || it_fail "Q10 audit"
it_contains "$out" "$Q10_UUID" "Q10's audit"
no_q11 "audit" "$out"
out=$(as_q10 audit --actor "Văn phòng LĐLĐ Quận 11" --format tsv) || it_fail "Q10 audit by actor"
no_q11 "audit of Q11's actor" "$out"
out=$(as_q10 audit --initiative "$U_C" --format tsv) || true
no_q11 "audit of a Q11 initiative" "$out"
# The near-duplicate title exists in District 11, but Q10's similar list
# stays inside District 10.
out=$(as_q10 review similar "$Q10_UUID") || it_fail "Q10 similar"
no_q11 "similar" "$out"
out=$(probe "$ADDR" hello 1 "$Q10_CRED" similar "$Q10_UUID" 0 list - - 0 0 audit - - - 0)
grep -q '^similar .* Q11' <<<"$out" && it_fail "Q10's raw similar lists Q11: $out"
grep -q '^listed .* Q11' <<<"$out" && it_fail "Q10's raw list shows Q11: $out"
grep -q '^audit .* Q11' <<<"$out" && it_fail "Q10's raw audit shows Q11: $out"
it_contains "$out" "listed" "Q10's raw list"

# ---------------------------------------------------------------------------
# District 11's operator succeeds on the same requests.
it_note "Q11's operator on District 11"
it_status 0 as_q11 add-unit Q11-099 "Công đoàn Công ty Bình Tây" --level grassroots --parent Q11
it_eq "Q11" "$(it_psql "SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id
			WHERE u.code = 'Q11-099'")" "parent of the unit Q11 added"
printf '%s\n' 'stt,ma_don_vi,don_vi,so_phan_bo' '1,Q11-003,Trường Mầm non 4,2' >"$T/q11b.csv"
it_status 0 as_q11 import-units --parent Q11 "$T/q11b.csv"
it_eq 4 "$(it_db_grassroots_count Q11)" "grassroots units below Q11"
code=$(as_q11 enroll Q11-002) || it_fail "Q11 enroll Q11-002"
[[ $code =~ [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4} ]] || it_fail "enrollment code: $code"
out=$(as_q11 progress --scope Q11 --format tsv) || it_fail "Q11 progress"
it_contains "$out" "Q11-001" "Q11's progress"
grep -qF Q10 <<<"$out" && it_fail "Q11's progress shows Q10: $out"
it_status 0 as_q11 target set Q11-001 9
it_status 0 as_q11 target set Q11-001 3 --phase P1
printf '%s\n' 'ma_don_vi,chi_tieu,giai_doan' 'Q11-002,5,P2' >"$T/targets-q11.csv"
it_status 0 as_q11 target import "$T/targets-q11.csv"
it_eq "9|3|5" "$(it_psql "SELECT (SELECT q.quota FROM quotas q JOIN units u ON u.id = q.unit_id
				WHERE u.code = 'Q11-001') || '|' ||
			(SELECT t.target FROM phase_targets t JOIN units u ON u.id = t.unit_id
			 JOIN phases p ON p.id = t.phase_id WHERE u.code = 'Q11-001' AND p.code = 'P1')
			|| '|' ||
			(SELECT t.target FROM phase_targets t JOIN units u ON u.id = t.unit_id
			 JOIN phases p ON p.id = t.phase_id WHERE u.code = 'Q11-002' AND p.code = 'P2')")" \
	"targets set by Q11's operator"
# A district operator cannot set its own district's target (that is the
# level above's decision), only its units'.
refused "Q11 sets its own target" as_q11 target set Q11 1000
it_status 0 as_admin target set Q11 1000

it_status 0 as_q11 review start "$U_A"
it_status 0 as_q11 review note "$U_A" --text "Đã nhận hồ sơ, đang xem xét."
it_status 0 as_q11 review recognize "$U_B1" --decision "01/QĐ-CĐCS" --date 2022-05-20 \
	--by "Giám đốc Trần Văn Bình"
it_status 0 as_q11 review changes "$U_B2" --note "Bổ sung số liệu tiết kiệm."
it_status 0 as_q11 review reject "$U_B3" --reason "Trùng với sáng kiến đã công nhận."
it_status 0 as_q11 review reward "$U_C" --kind reward --level "Quận" --decision "02/QĐ-LĐLĐ" \
	--date 2022-06-01 --amount 500000
it_eq "$U_A under_review
$U_B1 recognized
$U_B2 needs_changes
$U_B3 rejected
$U_C rewarded" "$(it_psql "SELECT uuid || ' ' || status FROM initiatives
			   WHERE uuid = ANY (:'u'::uuid[]) ORDER BY id" \
	u="{$U_A,$U_B1,$U_B2,$U_B3,$U_C}")" "statuses after Q11's review"
out=$(as_q11 review list --scope Q11 --status "$ALL") || it_fail "Q11 review list"
for u in "${Q11_UUIDS[@]}"; do it_contains "$out" "$u" "Q11's review list"; done
grep -qF "$Q10_UUID" <<<"$out" && it_fail "Q11's review list shows Q10's initiative"
out=$(as_q11 review similar "$U_A") || it_fail "Q11 similar"
grep -qF "$Q10_UUID" <<<"$out" && it_fail "Q11's similar list shows Q10's initiative: $out"
out=$(as_q11 report --scope Q11 --format json) || it_fail "Q11 report"
it_contains "$out" "Q11-001" "Q11's report"
grep -qF Q10 <<<"$out" && it_fail "Q11's report shows Q10: $out"
out=$(as_q11 export --format csv) || it_fail "Q11 export"
it_contains "$out" "$U_A" "Q11's export"
grep -qF "$Q10_UUID" <<<"$out" && it_fail "Q11's export shows Q10's initiative"
out=$(as_q11 audit --unit Q11-001 --format tsv) || it_fail "Q11 audit"
it_contains "$out" "$U_C" "Q11's audit of Q11-001"
grep -qF "$Q10_UUID" <<<"$out" && it_fail "Q11's audit shows Q10's initiative"
out=$(as_q11 credential create --role operator --scope Q11-002 --label "Tổ hỗ trợ sáng kiến") ||
	it_fail "Q11 credential create below Q11"
grep -qE 'skc1_[A-Za-z0-9_-]{43}' <<<"$out" || it_fail "no credential printed: $out"
refused "Q11 makes an administrator" as_q11 credential create --role administrator --label "x"

# ---------------------------------------------------------------------------
# A unit's credential may send no operator request at all.
it_note "a unit credential"
ucred=$(it_credential Q11-001)
before=$(it_db_digest)
out=$(probe "$ADDR" hello 1 "$ucred" op put-unit Q11 op import-units Q11 \
	op create-enrollment Q11-001 op progress Q11-001 op put-campaign MTSK \
	op set-target Q11-001 review "$U_A" note 0 "Ghi chú" list - - 0 0 similar "$U_A" 0 \
	op report Q11-001 audit Q11-001 - - 0 create-credential operator Q11-001 x)
it_eq "hello_reply UNIT Q11-001
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN
error FORBIDDEN" "$out" "operator requests with a unit credential"
it_eq "$before" "$(it_db_digest)" "database after a unit's operator requests"
echo "ok"
