#!/usr/bin/env bash
# sangkien-admin's operator commands against the real server, ending in the
# HTML report rendered by headless Chromium: campaign and phases, targets
# from a CSV (a bad file is refused whole, with its lines), review actions
# on the command line and from a CSV (per-item results, refusals with the
# server's reason), similar initiatives, export (CSV with BOM, JSON), the
# audit trail, a new credential, and the report in every format.  The HTML
# file is opened in Chromium: the rendered text must hold the Vietnamese
# headings and names, and a screenshot must not be blank.
set -euo pipefail
. "$(dirname "$0")/../lib/itest.sh"
it_begin report_html

it_server_start
it_operator
ADMIN_CRED=$SANGKIEN_ADMIN_CREDENTIAL
as_admin() { SANGKIEN_ADMIN_CREDENTIAL=$ADMIN_CRED admin "$@"; }
as_op() { SANGKIEN_ADMIN_CREDENTIAL=$OP_CRED admin "$@"; }

as_admin add-unit VN "Tổng Liên đoàn Lao động Việt Nam" --level national >>"$T/admin.log" 2>&1
as_admin add-unit HCM "Liên đoàn Lao động TP. Hồ Chí Minh" --level province --parent VN \
	>>"$T/admin.log" 2>&1
as_admin add-unit Q11 "Liên đoàn Lao động Quận 11" --level district --parent HCM \
	>>"$T/admin.log" 2>&1
printf '%s\n' 'stt,ma_don_vi,don_vi,so_phan_bo' '1,Q11-001,Phường 1,6' \
	'2,Q11-002,"Công ty CP ""Đầm Sen"", <Xưởng A&B>",5' '3,Q11-003,Trường Mầm non 4,4' \
	>"$T/units.csv"
as_admin import-units --parent Q11 "$T/units.csv" >>"$T/admin.log" 2>&1 || it_fail "import-units"

# Campaign and phases; a phase with its dates reversed is refused locally.
it_status 2 as_admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 \
	--phase "P1|Giai đoạn 1|2022-05-31|2021-09-01"
it_status 0 as_admin campaign put MTSK "01 triệu sáng kiến" --counts-from 2021-09-01 --current \
	--phase "P1|Giai đoạn 1 (đến Tháng Công nhân)|2021-09-01|2022-05-31" \
	--phase "P2|Giai đoạn 2|2022-06-01|2023-09-30"
it_eq "P1|2021-09-01|2022-05-31 P2|2022-06-01|2023-09-30" \
	"$(it_psql "SELECT string_agg(p.code || '|' || p.starts_on || '|' || p.ends_on, ' '
		ORDER BY p.starts_on) FROM phases p JOIN campaigns c ON c.id = p.campaign_id
		WHERE c.code = 'MTSK'")" "phases stored"

# The operator of District 11, made through the protocol: printed alone.
OP_CRED=$(as_admin credential create --role operator --scope Q11 \
	--label "Văn phòng LĐLĐ Quận 11" 2>/dev/null) || it_fail "credential create"
[[ $OP_CRED =~ ^skc1_[A-Za-z0-9_-]{43}$ ]] || it_fail "credential create printed: '$OP_CRED'"
it_status 2 as_admin credential create --role operator --label "không phạm vi"

# Targets from a file: a bad file is refused whole with every line named.
it_status 0 as_admin target set Q11 1000
printf '%s\n' 'ma_don_vi,giai_doan,chi_tieu' 'Q11,P1,200' 'Q11,P2,800' 'Q11-001,P1,nhiều' \
	'Q11 002,,4' 'Q11,P1,250' >"$T/bad-targets.csv"
before=$(it_psql "SELECT count(*) FROM phase_targets")
rc=0
err=$(as_admin target import "$T/bad-targets.csv" 2>&1) || rc=$?
it_eq 3 "$rc" "exit status of a bad targets file"
it_contains "$err" "bad-targets.csv:4: chi_tieu:" "bad number named with its line"
it_contains "$err" "bad-targets.csv:5: ma_don_vi:" "bad code named with its line"
it_contains "$err" "bad-targets.csv:6: ma_don_vi: Q11, giai đoạn P1 trùng với dòng 2" \
	"repeated unit and phase"
it_eq "$before" "$(it_psql "SELECT count(*) FROM phase_targets")" "targets after a bad file"
printf '%s\n' 'ma_don_vi,giai_doan,chi_tieu' 'Q11,P1,200' 'Q11,P2,800' 'Q11-001,P1,3' \
	'Q11-001,P2,3' >"$T/targets.csv"
out=$(as_admin target import "$T/targets.csv") || it_fail "target import"
it_contains "$out" "4 chỉ tiêu" "target import summary"
it_eq "200 800" "$(it_psql "SELECT string_agg(t.target::text, ' ' ORDER BY p.starts_on)
	FROM phase_targets t JOIN phases p ON p.id = t.phase_id JOIN units u ON u.id = t.unit_id
	WHERE u.code = 'Q11'")" "Q11's phase targets"

# Initiatives from two units.
S1=$T/q11-001.db
S2=$T/q11-002.db
it_enroll Q11-001 "$S1"
it_enroll Q11-002 "$S2"
declare -A U
add() { # KEY STORE TITLE APPLIED_ON KIND THEME
	local out
	out=$(client "$2" add --title "$3" --kind "$5" --theme "$6" \
		--author "Nguyễn Thị Bích Ngọc|Tổ trưởng, \"tổ hỗ trợ\"" --author "Lê Văn Tám" \
		--summary "Tóm tắt: $3; áp dụng từ $4." --effect "Giảm 30% thời gian xử lý." \
		--applied-on "$4") || it_fail "sangkien add $1"
	U[$1]=$(it_uuid_of "$out")
	[ -n "${U[$1]}" ] || it_fail "no uuid for $1"
}
add a "$S1" "Số hóa hồ sơ đoàn viên bằng mã QR" 2022-03-15 management admin-reform
add b "$S1" "Số hoá hồ sơ đoàn viên bằng mã QR tại phường" 2022-04-02 management admin-reform
add c "$S1" "Cải tiến máy phân loại rác ở chợ" 2022-07-01 technical production
add d "$S2" "Bếp ăn an toàn mùa dịch Covid-19" 2022-01-10 scientific covid
add e "$S2" "Quỹ tương trợ công nhân khó khăn" 2022-09-09 management workers-life
it_status 0 client "$S1" sync
it_status 0 client "$S2" sync

# The review queue: five submitted.
q=$(as_op review list --scope Q11 --status submitted,under_review --format tsv)
it_eq 5 "$(tail -n +2 <<<"$q" | wc -l)" "initiatives in the queue"
it_status 2 as_op review list --status waiting

# Several UUIDs on the command line: one batch, each result printed.
out=$(as_op review start "${U[a]}" "${U[c]}" "${U[d]}") || it_fail "review start"
it_eq 3 "$(grep -c ': bắt đầu xem xét: xong' <<<"$out")" "three started"
# An illegal transition is refused with the server's reason: exit 3.
rc=0
err=$(as_op review recognize "${U[b]}" --decision 12/QĐ-CĐ --date 2022-06-01 \
	--by "Giám đốc Công ty" 2>&1) || rc=$?
it_eq 3 "$rc" "recognizing a submitted initiative"
it_contains "$err" "${U[b]}: công nhận: trạng thái hiện tại không cho phép" "refusal message"
it_contains "$err" "hiện: Đã gửi, chờ xem xét" "refusal names the current status"
# Missing fields are caught before sending.
it_status 2 as_op review reward "${U[a]}" --kind reward --decision 1 --date 2022-06-01
it_status 2 as_op review changes "${U[a]}"

# Bulk review from a file: a file with problems sends nothing.
cat >"$T/bad-review.csv" <<CSV
uuid,thao_tac,ghi_chu,so_quyet_dinh,ngay_quyet_dinh,nguoi_cong_nhan
${U[a]},recognize,,15/QĐ-LĐLĐ,2022-13-01,Chủ tịch LĐLĐ Quận 11
not-a-uuid,start,,,,
${U[c]},reject,,,,
${U[d]},approve,,,,
CSV
snap=$(it_db_snapshot)
rc=0
err=$(as_op review apply "$T/bad-review.csv" 2>&1) || rc=$?
it_eq 3 "$rc" "exit status of a bad review file"
it_contains "$err" "bad-review.csv:2: ngay_quyet_dinh:" "bad date named"
it_contains "$err" "bad-review.csv:3: uuid:" "bad uuid named"
it_contains "$err" "bad-review.csv:4: ghi_chu:" "reject without a reason"
it_contains "$err" "bad-review.csv:5: thao_tac:" "unknown operation"
it_eq "$snap" "$(it_db_snapshot)" "initiatives after a refused review file"
cat >"$T/review.csv" <<CSV
uuid,thao_tac,ghi_chu,so_quyet_dinh,ngay_quyet_dinh,nguoi_cong_nhan,hinh_thuc,cap_khen,so_tien
${U[a]},recognize,,15/QĐ-LĐLĐ,2022-06-01,"Chủ tịch LĐLĐ Quận 11, ông ""A""",,,
${U[a]},reward,,20/QĐ-LĐLĐ,2022-06-15,,reward,Quận,2000000
${U[c]},reject,"Trùng với sáng kiến đã công nhận năm 2021,
cần nêu điểm mới.",,,,,,
${U[d]},changes,Bổ sung số liệu hiệu quả sau 3 tháng.,,,,,,
${U[e]},reject,Chưa xem xét thì không từ chối được.,,,,,,
CSV
rc=0
out=$(as_op review apply "$T/review.csv" 2>&1) || rc=$?
it_eq 3 "$rc" "exit status with one refused action"
it_contains "$out" "review.csv:2: ${U[a]}: công nhận: xong" "recognized"
it_contains "$out" "review.csv:3: ${U[a]}: khen thưởng: xong" "rewarded"
it_contains "$out" "review.csv:4: ${U[c]}: không công nhận: xong" "rejected"
it_contains "$out" "review.csv:6: ${U[d]}: yêu cầu bổ sung, sửa: xong" "changes requested"
it_contains "$out" "review.csv:7: ${U[e]}: không công nhận: trạng thái hiện tại" "refused"
it_contains "$out" "5 thao tác: 4 xong, 1 bị từ chối" "summary"
it_eq "rewarded|Quận|2000000" "$(it_psql "SELECT status || '|' || reward_level || '|' ||
	reward_amount_vnd FROM initiatives WHERE uuid = :'u'::uuid" u="${U[a]}")" \
	"a rewarded with its level and amount"
it_eq "rejected" "$(it_psql "SELECT status FROM initiatives WHERE uuid = :'u'::uuid" \
	u="${U[c]}")" "c rejected"

# Similar initiatives: b is a and the same title with another spelling.
out=$(as_op review similar "${U[a]}") || it_fail "review similar"
it_contains "$out" "${U[b]}" "similar initiative found"

# Export: every initiative in scope, CSV (BOM, one row each) and JSON.
as_op export --scope Q11 --output "$T/export.csv" 2>/dev/null || it_fail "export csv"
head -c 3 "$T/export.csv" | od -An -tx1 | grep -q 'ef bb bf' || it_fail "export.csv: no BOM"
grep -q $'\r$' "$T/export.csv" || it_fail "export.csv: no CRLF"
for k in a b c d e; do
	it_eq 1 "$(grep -c "${U[$k]}" "$T/export.csv")" "rows of $k in export.csv"
done
grep -qF 'Nguyễn Thị Bích Ngọc (Tổ trưởng, ""tổ hỗ trợ""); Lê Văn Tám' "$T/export.csv" ||
	it_fail "authors not joined and quoted in export.csv"
as_op export --scope Q11 --format json --output "$T/export.json" 2>/dev/null ||
	it_fail "export json"
it_eq 5 "$(jq length "$T/export.json")" "initiatives in export.json"
it_eq "rewarded|20/QĐ-LĐLĐ|2000000|Chủ tịch LĐLĐ Quận 11, ông \"A\"" \
	"$(jq -r --arg u "${U[a]}" '.[] | select(.uuid == $u) | [.status,
	.reward.decision_number, (.reward.amount_vnd|tostring), .recognition.recognized_by]
	| join("|")' "$T/export.json")" "a in export.json"

# Audit: the review of a, who did it, before and after.
out=$(as_op audit --initiative "${U[a]}" --format json) || it_fail "audit --initiative"
jq -e 'length >= 3' <<<"$out" >/dev/null || it_fail "audit of a has fewer than 3 entries: $out"
jq -e 'all(.[]; .uuid == "'"${U[a]}"'")' <<<"$out" >/dev/null || it_fail "audit filter by uuid"
jq -e 'any(.[]; .actor == "Văn phòng LĐLĐ Quận 11" and (.after | contains("rewarded")))' \
	<<<"$out" >/dev/null || it_fail "the reward and its actor are not in the audit: $out"
table=$(as_op audit --initiative "${U[a]}") || it_fail "audit table"
it_contains "$table" "Văn phòng LĐLĐ Quận 11" "actor in the audit table"
it_contains "$table" "→" "changes shown in the audit table"
it_eq 0 "$(as_op audit --actor "không có ai" --format json | jq length)" "audit by unknown actor"
it_eq 0 "$(as_op audit --until 2021-01-01 --format json | jq length)" "audit before 2021"
it_status 2 as_op audit --since 2022-02-30

# The report in every format.
as_op report --scope Q11 >"$T/report.txt" || it_fail "report (table)"
it_contains "$(cat "$T/report.txt")" "Đơn vị chưa đạt chỉ tiêu (cần đôn đốc)" "table report"
as_op report --format json --output "$T/report.json" 2>/dev/null || it_fail "report json"
it_eq "Q11-003|4|0|4" "$(jq -r '.behind[0] | [.code, .quota, .submitted, .shortfall]
	| map(tostring) | join("|")' "$T/report.json")" "the most lagging unit first"
as_op report --format csv --section behind --output "$T/behind.csv" 2>/dev/null ||
	it_fail "report csv"
grep -qF '"Công ty CP ""Đầm Sen"", <Xưởng A&B>"' "$T/behind.csv" ||
	it_fail "behind.csv does not quote the company's name"
it_status 2 as_op report --format pdf
it_status 2 as_op report --format html --section units

html=$T/bao-cao-q11.html
as_op report --scope Q11 --format html --output "$html" 2>/dev/null || it_fail "report html"
grep -qF '<html lang="vi">' "$html" || it_fail "html: no lang"
grep -qF 'Công ty CP &quot;Đầm Sen&quot;, &lt;Xưởng A&amp;B&gt;' "$html" ||
	it_fail "html: the company's name is not escaped"
grep -qiE '<script|src=|href=' "$html" && it_fail "html: external asset or script"

command -v chromium >/dev/null 2>&1 ||
	it_fail "chromium is not installed (tests/lib/packages.sh installs it)"
command -v python3 >/dev/null 2>&1 ||
	it_fail "python3 is not installed (tests/lib/packages.sh installs it)"
chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$T/chrome.XXXXXX")" "$@" 2>>"$T/chromium.log"
}
dom=$(chrome --dump-dom "file://$html") || it_fail "chromium --dump-dom failed"
for text in "BÁO CÁO" "tại Liên đoàn Lao động Quận 11" "TIẾN ĐỘ TỪNG CÔNG ĐOÀN CƠ SỞ" \
	"THEO GIAI ĐOẠN" "CÁC ĐƠN VỊ CẦN ĐÔN ĐỐC" "CÁC CÔNG ĐOÀN CƠ SỞ CHƯA ĐẠT CHỈ TIÊU" \
	"THEO LOẠI SÁNG KIẾN VÀ CHỦ ĐỀ" "Số sáng kiến nhận được theo tuần" \
	"Giai đoạn 1 (đến Tháng Công nhân)" "Trường Mầm non 4" "Giải pháp quản lý" \
	"Cải cách hành chính, chuyển đổi số" "1.000"; do
	grep -qF "$text" <<<"$dom" || it_fail "rendered page lacks '$text'"
done
# The browser parsed the escaped name back into the original text.
grep -qF 'Công ty CP "Đầm Sen", &lt;Xưởng A&amp;B&gt;' <<<"$dom" ||
	it_fail "rendered page lacks the company's name"
# Phases, the units with most, the units to urge, weeks.
[ "$(grep -o '<svg' <<<"$dom" | wc -l)" -eq 4 ] || it_fail "rendered page has not 4 charts"

png=$T/bao-cao-q11.png
(cd "$T" && chrome --screenshot="$png" --window-size=1280,2000 "file://$html") ||
	it_fail "chromium --screenshot failed"
[ -s "$png" ] || it_fail "no screenshot"
[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
	it_fail "screenshot is not a PNG"
# A blank 1280x2000 page compresses to a few kilobytes; text and charts do not.
size=$(stat -c %s "$png")
[ "$size" -gt 40000 ] || it_fail "screenshot is only $size bytes: blank page?"
# The colours sampled from the screenshot (python3: checked above).
{
	colours=$(python3 - "$png" <<-'PY'
		import struct, sys, zlib
		data = open(sys.argv[1], "rb").read()
		pos, idat, w = 8, b"", 0
		while pos < len(data):
		    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
		    body = data[pos + 8:pos + 8 + n]
		    if kind == b"IHDR":
		        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
		        bpp = {2: 3, 6: 4}[ctype]
		    elif kind == b"IDAT":
		        idat += body
		    pos += 12 + n
		raw = zlib.decompress(idat)
		stride = w * bpp
		seen, prev, i = set(), bytearray(stride), 0
		for y in range(h):
		    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
		    for x in range(stride):
		        a = line[x - bpp] if x >= bpp else 0
		        b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
		        if f == 1: line[x] = (line[x] + a) & 255
		        elif f == 2: line[x] = (line[x] + b) & 255
		        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
		        elif f == 4:
		            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
		            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
		    if y % 8 == 0:
		        for x in range(0, stride, bpp * 4):
		            seen.add(bytes(line[x:x + 3]))
		    prev = line
		print(len(seen))
	PY
	) || it_fail "could not read the screenshot"
	[ "$colours" -ge 20 ] || it_fail "screenshot has only $colours colours: blank page?"
	it_note "screenshot: $size bytes, $colours colours sampled"
}
# SK_KEEP_REPORT=DIR keeps the page and its screenshot for a person to look at.
[ -z "${SK_KEEP_REPORT:-}" ] || cp "$html" "$png" "$SK_KEEP_REPORT"/
echo "ok"
