#!/usr/bin/env bash
# Report figures checked against a known dataset entered through the real
# clients.  psql only moves dates the clients cannot choose: received_at
# (for the per-week figures) and one applied_on before the campaign's
# counts_from (which a client refuses to submit, but older data can hold).
#
# Dataset (District 11, campaign MTSK counting from 2021-09-01; phases
# P1 2021-09-01..2022-05-31, P2 2022-06-01..2023-09-30):
#
#   id unit     applied_on kind        theme         status        received (VN time)
#   a  Q11-001  2021-09-01 technical   covid         recognized    2022-03-07 09:00 Mon
#   b  Q11-001  2022-05-31 scientific  production    submitted     2022-03-13 23:59 Sun
#   c  Q11-001  2022-06-01 management  admin-reform  rewarded      2022-06-08 10:00
#   d  Q11-001  2023-09-30 technical   (none)        rejected      2023-10-08 23:30 Sun
#   e  Q11-001  2023-10-01 technical   union-work    submitted     2023-10-09 00:30 Mon
#   f  Q11-001  2021-08-31 management  covid         submitted     2022-03-09 (not counted)
#   g  Q11-002  2022-01-15 management  workers-life  withdrawn     2022-03-08 (not counted)
#   h  Q11-002  2022-12-01 scientific  covid         under_review  2022-12-05 08:00
#   i  Q11-002  2022-02-01 technical   production    needs_changes 2022-03-08 14:00
#   Q11-003 and Q11-004 have none.
#
# Expected, worked out by hand from the table (see each check below).
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin operators_report

command -v jq >/dev/null || it_fail "jq is needed (tests/lib/packages.sh installs it)"
it_server_start
it_operator
ADMIN_CRED=$SANGKIEN_ADMIN_CREDENTIAL
as_admin() { SANGKIEN_ADMIN_CREDENTIAL=$ADMIN_CRED admin "$@"; }
as_op() { SANGKIEN_ADMIN_CREDENTIAL=$OP_CRED admin "$@"; }

# ---------------------------------------------------------------------------
# Tree, campaign, targets.
as_admin add-unit VN "Tổng Liên đoàn Lao động Việt Nam" --level national >>"$T/admin.log" 2>&1 ||
	it_fail "add-unit VN"
as_admin add-unit HCM "Liên đoàn Lao động TP. Hồ Chí Minh" --level province --parent VN \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit HCM"
as_admin add-unit Q11 "Liên đoàn Lao động Quận 11" --level district --parent HCM \
	>>"$T/admin.log" 2>&1 || it_fail "add-unit Q11"
printf '%s\n' 'stt,ma_don_vi,don_vi,so_phan_bo' '1,Q11-001,Phường 1,4' \
	'2,Q11-002,Bệnh viện Quận 11,6' '3,Q11-003,Trường Mầm non 4,2' \
	'4,Q11-004,Chợ Bình Tây,0' >"$T/units.csv"
as_admin import-units --parent Q11 "$T/units.csv" >>"$T/admin.log" 2>&1 || it_fail "import-units"
it_status 0 as_admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1|2021-09-01|2022-05-31" --phase "P2|Giai đoạn 2|2022-06-01|2023-09-30"
it_status 0 as_admin target set Q11 1000
it_status 0 as_admin target set Q11 200 --phase P1
it_status 0 as_admin target set Q11 800 --phase P2
out=$(as_admin credential create --role operator --scope Q11 --label "Văn phòng LĐLĐ Quận 11") ||
	it_fail "credential create"
OP_CRED=$(grep -oE 'skc1_[A-Za-z0-9_-]{43}' <<<"$out" | head -n 1)
[ -n "$OP_CRED" ] || it_fail "no operator credential in: $out"
it_status 0 as_op target set Q11-001 2 --phase P1
it_status 0 as_op target set Q11-001 2 --phase P2
it_status 0 as_op target set Q11-002 3 --phase P1
it_status 0 as_op target set Q11-002 3 --phase P2

# ---------------------------------------------------------------------------
# The initiatives, entered and sent by the units' clients.
S1=$T/q11-001.db
S2=$T/q11-002.db
it_enroll Q11-001 "$S1"
it_enroll Q11-002 "$S2"
declare -A U
add() { # KEY STORE APPLIED_ON KIND THEME|-
	local out theme=()
	[ "$5" = - ] || theme=(--theme "$5")
	out=$(client "$2" add --title "Sáng kiến $1: cải tiến quy trình làm việc" --kind "$4" \
		--author "Võ Thị Mỹ Dung|Tổ trưởng" --summary "Mô tả sáng kiến $1." \
		--effect "Hiệu quả của sáng kiến $1." --applied-on "$3" "${theme[@]}") ||
		it_fail "sangkien add $1"
	U[$1]=$(it_uuid_of "$out")
	[ -n "${U[$1]}" ] || it_fail "no uuid for $1"
}
add a "$S1" 2021-09-01 technical covid
add b "$S1" 2022-05-31 scientific production
add c "$S1" 2022-06-01 management admin-reform
add d "$S1" 2023-09-30 technical -
add e "$S1" 2023-10-01 technical union-work
add f "$S1" 2021-09-02 management covid # moved to 2021-08-31 below
add g "$S2" 2022-01-15 management workers-life
add h "$S2" 2022-12-01 scientific covid
add i "$S2" 2022-02-01 technical production
it_status 0 client "$S1" sync
it_status 0 client "$S2" sync
it_status 0 client "$S2" withdraw "${U[g]}" --reason "Gửi nhầm."
it_status 0 client "$S2" sync

# Review outcomes, on the wire.
review() { # KEY OP...: each op in turn must be accepted
	local key=$1 op out
	shift
	for op in "$@"; do
		out=$(probe "$ADDR" hello 1 "$OP_CRED" review "${U[$key]}" "$op" 0 "Ghi chú: $op" |
			sed -n 2p)
		[[ $out == "change 0 ITEM_ACCEPTED "* ]] || it_fail "review $op of $key: $out"
	done
}
review a start recognize
review c start recognize reward
review d start reject
review h start
review i start request-changes

# Dates no client may choose.
setdates() { # KEY RECEIVED_AT
	it_psql "UPDATE initiatives SET received_at = :'r'::timestamptz WHERE uuid = :'u'::uuid" \
		r="$2" u="${U[$1]}" >/dev/null
}
setdates a '2022-03-07 09:00:00+07'
setdates b '2022-03-13 23:59:00+07'
setdates c '2022-06-08 10:00:00+07'
setdates d '2023-10-08 23:30:00+07'
setdates e '2023-10-09 00:30:00+07'
setdates f '2022-03-09 10:00:00+07'
setdates g '2022-03-08 10:00:00+07'
setdates h '2022-12-05 08:00:00+07'
setdates i '2022-03-08 14:00:00+07'
it_psql "UPDATE initiatives SET applied_on = DATE '2021-08-31' WHERE uuid = :'u'::uuid" \
	u="${U[f]}" >/dev/null
# The dataset is what the table above says.
it_eq "a|Q11-001|2021-09-01|technical|covid|recognized
b|Q11-001|2022-05-31|scientific|production|submitted
c|Q11-001|2022-06-01|management|admin-reform|rewarded
d|Q11-001|2023-09-30|technical|-|rejected
e|Q11-001|2023-10-01|technical|union-work|submitted
f|Q11-001|2021-08-31|management|covid|submitted
g|Q11-002|2022-01-15|management|workers-life|withdrawn
h|Q11-002|2022-12-01|scientific|covid|under_review
i|Q11-002|2022-02-01|technical|production|needs_changes" \
	"$(for k in a b c d e f g h i; do
		printf '%s|%s\n' "$k" "$(it_psql "SELECT u.code || '|' || i.applied_on || '|' || i.kind
			|| '|' || coalesce(i.theme, '-') || '|' || i.status
			FROM initiatives i JOIN units u ON u.id = i.unit_id
			WHERE i.uuid = :'u'::uuid" u="${U[$k]}")"
	done)" "the dataset as stored"

# ---------------------------------------------------------------------------
# The JSON report.
as_op report --format json --output "$T/report.json" || it_fail "report --format json"
R=$T/report.json
j() { jq -r "$1" "$R"; }
UNITS='.units[] | {code, quota, submitted, recognized,
	phases: [.phases[] | {code, target, submitted, recognized}]}'

it_eq "Q11|MTSK|2021-09-01|1000" \
	"$(j '[.scope.code, .campaign.code, .campaign.counts_from, (.scope.target|tostring)]
	| join("|")')" \
	"report header"
# Per unit: quota, submitted, recognized.  Q11-001 counts a b c d e (f is
# before counts_from), recognized a (recognized) and c (rewarded);
# Q11-002 counts h i (g withdrawn); Q11-003, Q11-004 nothing.
it_eq "Q11-001|4|5|2
Q11-002|6|2|0
Q11-003|2|0|0
Q11-004|0|0|0" "$(j "$UNITS"' | [.code, .quota, .submitted, .recognized] | map(tostring)
	| join("|")')" "per unit"
# Per unit and phase (target/submitted/recognized): P1 holds a b (Q11-001)
# and i (Q11-002); P2 holds c d and h; e (2023-10-01) is in no phase.
it_eq "Q11-001 P1 2/2/1 P2 2/2/1
Q11-002 P1 3/1/0 P2 3/1/0
Q11-003 P1 0/0/0 P2 0/0/0
Q11-004 P1 0/0/0 P2 0/0/0" "$(j "$UNITS"' | [.code, (.phases[] | .code + " " +
	([.target, .submitted, .recognized] | map(tostring) | join("/")))] | join(" ")')" \
	"per unit and phase"
# Per phase for the district: targets 200 and 800; P1: a b i, recognized
# a; P2: c d h, recognized c.  2021-08-31 (f) and 2023-10-01 (e) are in
# neither; the boundary days 2021-09-01, 2022-05-31, 2022-06-01 and
# 2023-09-30 are inside.
it_eq "P1|2021-09-01|2022-05-31|200|3|1
P2|2022-06-01|2023-09-30|800|3|1" "$(j '.phases[] | [.code, .starts_on, .ends_on, .target,
	.submitted, .recognized] | map(tostring) | join("|")')" "per phase"
# Behind: campaign quota not reached (Q11-002 2 of 6, Q11-003 0 of 2);
# Q11-001 is above its quota and Q11-004 has none.
it_eq "Q11-002|6|2|4 Q11-003|2|0|2" "$(j '[.behind[] | [.code, .quota, .submitted, .shortfall]
	| map(tostring) | join("|")] | join(" ")')" "units behind their quota, most lagging first"
it_eq "12|7|2" "$(j '.totals | [.quota, .submitted, .recognized] | map(tostring) | join("|")')" \
	"totals"
# By kind: technical a d e i (recognized a); scientific b h; management c
# (recognized c).
it_eq "management|1|1
scientific|2|0
technical|4|1" "$(j '.by_kind[] | [.key, .submitted, .recognized] | map(tostring) | join("|")' |
	LC_ALL=C sort)" "by kind"
# By theme: covid a h (a recognized); production b i; admin-reform c
# (recognized); union-work e; none d; workers-life only g (withdrawn).
it_eq "admin-reform|1|1
covid|2|1
production|2|0
union-work|1|0
workers-life|0|0
|1|0" "$(j '.by_theme[] | [.key, .submitted, .recognized] | map(tostring)
	| join("|")' | LC_ALL=C sort)" "by theme"
# Per week of receipt, Monday in Vietnam's time: 2022-03-07 a b i (b on
# Sunday 23:59, f not counting), 2022-06-06 c, 2022-12-05 h, 2023-10-02 d
# (Sunday 23:30), 2023-10-09 e (Monday 00:30, still Sunday in UTC).
it_eq "2022-03-07|3|1
2022-06-06|1|1
2022-12-05|1|0
2023-10-02|1|0
2023-10-09|1|0" "$(j '.by_week[] | select(.submitted > 0 or .recognized > 0)
	| [.key, .submitted, .recognized] | map(tostring) | join("|")')" "per week"
# Every listed week is a Monday, one week apart, with no gap, from the week
# of counts_from (Monday 2021-08-30).
it_eq "2021-08-30" "$(j '.by_week[0].key')" "first week"
weeks=$(j '.by_week[].key')
prev=""
while read -r w; do
	[ "$(date -u -d "$w" +%u)" = 1 ] || it_fail "week $w is not a Monday"
	[ -z "$prev" ] || [ "$(date -u -d "$prev + 7 days" +%F)" = "$w" ] ||
		it_fail "weeks $prev then $w"
	prev=$w
done <<<"$weeks"
it_eq 7 "$(j '[.by_week[].submitted] | add')" "sum over weeks"

# The per-week figures again, computed by psql from the rows independently
# of the server's SQL: counting rows, by local Monday.
it_eq "2022-03-07|3|1
2022-06-06|1|1
2022-12-05|1|0
2023-10-02|1|0
2023-10-09|1|0" "$(it_psql "SELECT to_char(monday, 'YYYY-MM-DD') || '|' || count(*) || '|' ||
		count(*) FILTER (WHERE s IN ('recognized', 'rewarded'))
	FROM (SELECT d - (extract(isodow FROM d)::int - 1) AS monday, s
	      FROM (SELECT (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS d, status AS s
		    FROM initiatives
		    WHERE applied_on >= DATE '2021-09-01' AND status <> 'withdrawn') x) y
	GROUP BY monday ORDER BY monday")" "per week from the rows (cross-check of the table above)"

# ---------------------------------------------------------------------------
# The CSV report, one section per file, carries the same figures.  Columns
# are looked up by their titles.
csv() { # SECTION TITLE...: those columns of the section, joined by |
	local sec=$1 f=$T/$1.csv head n k cols="" sel="" title
	shift
	as_op report --format csv --section "$sec" --output "$f" ||
		it_fail "report --format csv --section $sec"
	head -c 3 "$f" | od -An -tx1 | grep -q 'ef bb bf' || it_fail "$sec.csv: no UTF-8 BOM"
	sed '1s/^\xef\xbb\xbf//; s/\r$//' "$f" >"$f.plain"
	head=$(head -n 1 "$f.plain")
	grep -q '"' <<<"$head" && it_fail "$sec.csv: quoted titles: $head"
	n=$(awk -F, '{ print NF }' <<<"$head")
	for ((k = 1; k <= n; k++)); do cols+="${cols:+, }c$k text"; done
	for title in "$@"; do
		k=$(awk -F, -v t="$title" '{ for (i = 1; i <= NF; i++) if ($i == t) print i }' \
			<<<"$head")
		[ -n "$k" ] || it_fail "$sec.csv: no column '$title' in: $head"
		sel+="${sel:+, }coalesce(c$k, '')"
	done
	# PostgreSQL's own CSV reader reads the quoted fields (names with commas).
	psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$DB" -c "CREATE TEMP TABLE c ($cols)" \
		-c "\\copy c FROM pstdin WITH (FORMAT csv, HEADER true)" \
		-c "SELECT concat_ws('|', $sel) FROM c ORDER BY ctid" <"$f.plain" ||
		it_fail "$sec.csv does not read as CSV"
}
it_eq "Q11-001|4|5|2|2|2|2|2
Q11-002|6|2|0|3|1|3|1
Q11-003|2|0|0|0|0|0|0
Q11-004|0|0|0|0|0|0|0" "$(csv units "Mã đơn vị" "Chỉ tiêu" "Đã gửi" "Được công nhận" \
	"P1: chỉ tiêu" "P1: đã gửi" "P2: chỉ tiêu" "P2: đã gửi")" "CSV: per unit"
it_eq "P1|2021-09-01|2022-05-31|200|3|1
P2|2022-06-01|2023-09-30|800|3|1" "$(csv phases "Mã giai đoạn" "Từ ngày" "Đến ngày" "Chỉ tiêu" \
	"Đã gửi" "Được công nhận")" "CSV: per phase"
it_eq "Q11-002|6|2|4
Q11-003|2|0|2" "$(csv behind "Mã đơn vị" "Chỉ tiêu" "Đã gửi" "Còn thiếu")" "CSV: behind"
it_eq "management|1|1
scientific|2|0
technical|4|1" "$(csv kinds "Khóa" "Đã gửi" "Được công nhận" | LC_ALL=C sort)" "CSV: by kind"
it_eq "admin-reform|1|1
covid|2|1
production|2|0
union-work|1|0
workers-life|0|0
|1|0" "$(csv themes "Khóa" "Đã gửi" "Được công nhận" | LC_ALL=C sort)" "CSV: by theme"
it_eq "2022-03-07|3|1
2022-06-06|1|1
2022-12-05|1|0
2023-10-02|1|0
2023-10-09|1|0" "$(csv weeks "Tuần bắt đầu (thứ Hai)" "Đã gửi" "Được công nhận" |
	awk -F'|' '$2 > 0 || $3 > 0')" "CSV: per week"

# ---------------------------------------------------------------------------
# Phase rules on the unit's side: its quota reply counts the same way.
out=$(probe "$ADDR" hello 1 "$(it_credential Q11-001)" quota -)
it_eq "quota_reply Q11-001 4 5 2" "$(sed -n 2p <<<"$out")" "Q11-001's own quota reply"

# Moving a phase boundary moves the figures: P1 ending a day earlier
# leaves b (2022-05-31) in no phase.
it_status 0 as_admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1|2021-09-01|2022-05-30" --phase "P2|Giai đoạn 2|2022-06-01|2023-09-30"
as_op report --format json --output "$R" || it_fail "report after moving P1's end"
it_eq "P1|200|2|1
P2|800|3|1" "$(j '.phases[] | [.code, .target, .submitted, .recognized]
	| map(tostring) | join("|")')" "per phase after moving P1's end (targets kept)"
# Counting later: counts_from 2022-06-01 drops a b i (and P1 must go).
it_status 0 as_admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2022-06-01 --current \
	--phase "P2|Giai đoạn 2|2022-06-01|2023-09-30"
as_op report --format json --output "$R" || it_fail "report after moving counts_from"
it_eq "Q11-001|3|1
Q11-002|1|0" "$(j "$UNITS"' | select(.code == "Q11-001" or .code == "Q11-002")
	| [.code, .submitted, .recognized] | map(tostring) | join("|")')" \
	"per unit counting from 2022-06-01"
echo "ok"
